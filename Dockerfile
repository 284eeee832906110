# DataRecipe as a container, for GitLab CI, Jenkins and `docker run`:
#   docker run --rm -v "$PWD:/work" ghcr.io/datarecipe/datarecipe lint README.md
# (GitHub Actions users: the composite action in action.yml starts faster.)

FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY datarecipe_lint ./datarecipe_lint
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim
LABEL org.opencontainers.image.title="datarecipe" \
      org.opencontainers.image.description="Reverse-engineer how a dataset was made from its dataset card" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/datarecipe/datarecipe"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# git is for --no-regress (reads the card at a base revision); the mounted work tree belongs to
# another user, so git is told to trust it.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && git config --system --add safe.directory '*'
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl \
    && rm -rf /wheels \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin datarecipe
USER 10001
WORKDIR /work
ENTRYPOINT ["datarecipe"]
CMD ["--help"]
