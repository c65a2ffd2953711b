# syntax=docker/dockerfile:1
# The jvicorn command on a jlink'd Java runtime, running as a non-root user.
#
#   docker build -t jvicorn .
#   docker run --rm -p 8000:8000 jvicorn                                  # the hello-world example
#   docker run --rm -p 8000:8000 -v "$PWD/build/classes:/app:ro" jvicorn com.example.Main:app --app-dir /app
#
# An application image builds FROM this one, copies its classes or jar to /app and sets CMD to its APP argument.
# Options come from JVICORN_* variables (JVICORN_WORKERS, JVICORN_TIMEOUT_GRACEFUL_SHUTDOWN, ...) or CMD.
# Modules the application needs beyond jvicorn's (jdeps cannot see an application loaded at run time):
#   docker build --build-arg EXTRA_MODULES=java.sql,java.net.http -t myapp-base .
# scripts/container-image builds the same runtime without a Docker daemon and checks it serves and stops.

# Maven on Eclipse Temurin 25 to build; Debian's slim base (glibc, no JDK) to run: jlink brings the Java.
FROM maven:3-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
# The JDK is the image's: built on 22 or newer, the jar has its Java 22 classes (--fd N, the reloader's socket).
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl cli,examples -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true package
ARG EXTRA_MODULES=""
RUN scripts/jlink-runtime cli/target/jvicorn.jar /opt/java "${EXTRA_MODULES}" \
 && mkdir -p /opt/jvicorn \
 && cp cli/target/jvicorn.jar /opt/jvicorn/jvicorn.jar \
 && cp examples/target/jvicorn-examples-*.jar /opt/jvicorn/examples.jar

FROM debian:bookworm-slim
COPY --from=build /opt/java /opt/java
COPY --from=build /opt/jvicorn /opt/jvicorn
COPY LICENSE NOTICE /opt/jvicorn/
# 65532: a numeric uid/gid with no entry in /etc/passwd and no write access to the image (distroless' "nonroot").
# Numeric, so that Kubernetes' runAsNonRoot can check it.
USER 65532:65532
WORKDIR /app
ENV JAVA_HOME=/opt/java \
    JVICORN_HOST=0.0.0.0 \
    JVICORN_PORT=8000
EXPOSE 8000
# SIGTERM (Docker's and Kubernetes' stop signal) starts jvicorn's graceful shutdown: the requests in flight finish,
# the lifespan shutdown runs, exit status 0. Exec form, no shell: the JVM is PID 1 and gets the signal itself (the
# JVM installs its own SIGTERM handler, so PID 1's default of ignoring unhandled signals does not apply).
STOPSIGNAL SIGTERM
# MaxRAMPercentage: the heap sized from the container's memory limit, leaving room for direct buffers and threads.
ENTRYPOINT ["/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/jvicorn/jvicorn.jar"]
CMD ["io.jvicorn.examples:HelloApp", "--app-dir", "/opt/jvicorn/examples.jar"]
