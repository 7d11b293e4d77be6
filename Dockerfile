FROM python:3.11-slim
WORKDIR /srv/saylau
COPY pyproject.toml README.md ./
COPY core core
COPY storage storage
COPY bot bot
COPY admin_cli admin_cli
COPY app app
COPY sandbox sandbox
RUN pip install --no-cache-dir . && useradd --system --home /srv/saylau saylau
USER saylau
CMD ["saylau", "run"]
