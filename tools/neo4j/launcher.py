"""Start and stop the project's Neo4j 5.26 test server (Neo4jTestServer.java) from Python.

One place for how the JVM is run (classpath file, heap, flags), shared by the pytest
fixture (tests/neo4j_server.py), the benchmark and ``make neo4j`` (``python
tools/neo4j/launcher.py``). Needs only the standard library and, for ``wait_for_bolt``, the
``neo4j`` driver. The password reaches the JVM through its environment, never its
command line; only the fixed test password (a throwaway server's) is ever printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TOOL_DIR = Path(__file__).resolve().parent
CLASSPATH_FILE = TOOL_DIR / "target" / "classpath.txt"
LAUNCHER = TOOL_DIR / "src" / "main" / "java" / "actorgraph" / "neo4j" / "Neo4jTestServer.java"
ADMIN_MAIN = "org.neo4j.cli.AdminTool"
TEST_USER = "neo4j"
TEST_PASSWORD = "actorgraph-test"  # a throwaway server's password, not a secret
READY = "NEO4J_READY"
# The flags the 5.26 tarball's neo4j.conf passes (server.jvm.additional), a capped heap.
JVM_FLAGS = [
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
]


class ServerUnavailable(RuntimeError):
    """Java or the resolved jars are missing; the message says what to install or run."""


class ServerFailed(RuntimeError):
    """The server did not come up; the message ends with the tail of its output and log."""


def java_binary() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise ServerUnavailable("no `java` on PATH (OpenJDK 17 runs Neo4j 5.26)")
    return found


def classpath(path: Path = CLASSPATH_FILE) -> str:
    if not path.is_file() or not path.read_text().strip():
        raise ServerUnavailable(
            f"{path} is missing: run `make neo4j-classpath` (Maven resolves the Neo4j jars)"
        )
    return path.read_text().strip()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def jvm_environment(password: str) -> dict[str, str]:
    return {**os.environ, "NEO4J_PASSWORD": password}


@dataclass
class Neo4jServer:
    """A running launcher JVM; ``stop()`` sends SIGTERM, then SIGKILL after ``grace`` s."""

    home: Path
    port: int
    password: str = field(repr=False)
    process: subprocess.Popen[bytes]
    output: Path
    started_seconds: float = 0.0

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def user(self) -> str:
        return TEST_USER

    def diagnostics(self, lines: int = 40) -> str:
        """The tail of the JVM's output and of Neo4j's debug log (no credentials in either)."""
        parts = []
        for path in (self.output, self.home / "logs" / "debug.log"):
            if path.is_file():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"--- {path}\n" + "\n".join(tail))
        return "\n".join(parts)

    def stop(self, grace: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_server(
    home: Path,
    *,
    port: int | None = None,
    password: str = TEST_PASSWORD,
    timeout: float = 300.0,
    classpath_file: Path = CLASSPATH_FILE,
) -> Neo4jServer:
    """Start the launcher on ``home`` and return once Bolt answers with ``password``."""
    java = java_binary()
    cp = classpath(classpath_file)
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    output = home / "launcher.out"
    started = time.monotonic()
    with output.open("wb") as sink:
        # stdin is a pipe this process holds: if it dies, the pipe closes and the JVM stops.
        process = subprocess.Popen(
            [java, *JVM_FLAGS, "-cp", cp, str(LAUNCHER), str(home), str(port), "--watch-stdin"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.PIPE,
            env=jvm_environment(password),
        )
    server = Neo4jServer(home, port, password, process, output)
    try:
        wait_for_bolt(server, timeout=timeout)
    except BaseException:
        server.stop(grace=10)
        raise
    server.started_seconds = time.monotonic() - started
    return server


def wait_for_bolt(server: Neo4jServer, *, timeout: float) -> None:
    """Poll until the driver's ``verify_connectivity`` passes; fail with the server's log."""
    import neo4j

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerFailed(
                f"the Neo4j launcher exited with {server.process.returncode} before Bolt "
                f"answered\n{server.diagnostics()}"
            )
        if READY in server.output.read_text(errors="replace"):
            driver = neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
            try:
                driver.verify_connectivity()
                return
            except Exception as exc:  # not up yet: retried until the deadline
                last = exc
            finally:
                driver.close()
        time.sleep(0.25)
    raise ServerFailed(
        f"Neo4j did not answer on {server.uri} within {timeout:.0f} s "
        f"(last error: {type(last).__name__ if last else 'none'})\n{server.diagnostics()}"
    )


def admin_command(home: Path, *args: str, classpath_file: Path = CLASSPATH_FILE) -> list[str]:
    """``neo4j-admin ARGS`` run from the same jars (AdminTool reads NEO4J_HOME)."""
    return [java_binary(), *JVM_FLAGS, "-cp", classpath(classpath_file), ADMIN_MAIN, *args]


def admin_environment(home: Path) -> dict[str, str]:
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}


def run_admin(home: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j-admin ARGS`` against ``home``, in ``home``: the import writes its
    ``import.report`` into the working directory, which must not be a checkout."""
    return subprocess.run(
        admin_command(home, *args),
        env=admin_environment(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def main(argv: list[str] | None = None) -> int:
    """``make neo4j``: start a server, print how to reach it, stay up until Ctrl-C/SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="database home (default: a temp directory)")
    parser.add_argument("--port", type=int, default=7687)
    args = parser.parse_args(argv)
    password = os.environ.get("NEO4J_PASSWORD") or TEST_PASSWORD
    home = args.home or Path(tempfile.mkdtemp(prefix="actorgraph-neo4j-"))
    try:
        server = start_server(home.resolve(), port=args.port, password=password)
    except (ServerUnavailable, ServerFailed) as exc:
        print(f"neo4j: {exc}", file=sys.stderr)
        return 1
    default = "" if os.environ.get("NEO4J_PASSWORD") else f" (default {TEST_PASSWORD!r})"
    print(
        f"Neo4j 5.26 up in {server.started_seconds:.1f} s, home {server.home}\n"
        f"  export NEO4J_URI={server.uri} NEO4J_USER={server.user} "
        f"NEO4J_PASSWORD=<the password make used{default}>\n"
        "Ctrl-C stops it.",
        flush=True,
    )
    stop = {"now": False}

    def request_stop(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    while not stop["now"] and server.process.poll() is None:
        time.sleep(0.5)
    if not stop["now"]:
        print(f"neo4j: the server exited by itself\n{server.diagnostics()}", file=sys.stderr)
        return 1
    server.stop()  # the JVM exits 143 on SIGTERM: that is the clean stop asked for
    return 0


if __name__ == "__main__":
    sys.exit(main())
