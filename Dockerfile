# syntax=docker/dockerfile:1
# Rungu server image: multi-stage, runs as a non-root user, keeps its data in a volume.
#   docker build -t rungu .
#   docker run -d -p 3000:3000 -v rungu-data:/data -e RUNGU_BASE_URL=https://feedback.example.com rungu
# See docs/operations.md ("Containers").

# Node for the web app's build (the Maven build runs npm; it needs Node >= 20.19).
FROM node:20-bookworm-slim AS node

FROM eclipse-temurin:21-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -q -DskipTests -pl rungu-cli -am package \
    && cp rungu-cli/target/rungu.jar /rungu.jar

FROM eclipse-temurin:21-jre
# The same user and data directory as the image `./mvnw -Pimage package` builds (uid 65532, /data), so either image
# takes the other's volume.
RUN groupadd --system --gid 65532 rungu \
    && useradd --system --uid 65532 --gid rungu --home-dir /data --shell /usr/sbin/nologin rungu \
    && mkdir -p /data /opt/rungu \
    && chown rungu:rungu /data && chmod 700 /data \
    && printf '#!/bin/sh\nexec java ${RUNGU_JAVA_OPTS} -jar /opt/rungu/rungu.jar "$@"\n' > /usr/local/bin/rungu \
    && chmod 755 /usr/local/bin/rungu
COPY --from=build /rungu.jar /opt/rungu/rungu.jar

ENV RUNGU_DATA_DIR=/data \
    RUNGU_HOST=0.0.0.0 \
    RUNGU_PORT=3000 \
    RUNGU_JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
EXPOSE 3000
USER 65532:65532
WORKDIR /data

# No curl in the image: the jar asks /health itself (exit 0 on a 200). A small heap and the C1 compiler keep the
# probe's JVM quick and light.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD RUNGU_JAVA_OPTS="-Xmx32m -XX:TieredStopAtLevel=1" rungu healthcheck --timeout 5 \
        --url "http://127.0.0.1:${RUNGU_PORT:-3000}${RUNGU_BASE_PATH}/health" || exit 1

ENTRYPOINT ["/usr/local/bin/rungu"]
CMD ["serve"]
