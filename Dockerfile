# The online learner's runtime image. Build the shaded jar first:
#   mvn -B package -DskipTests
#   docker build -t online-learner .
# docker-compose.yml builds and runs it next to a broker, Prometheus and Grafana.
FROM eclipse-temurin:17-jre

WORKDIR /app

# Run as an unprivileged user; /app/state holds the Kafka Streams state stores (state.dir).
RUN groupadd --system learner \
    && useradd --system --gid learner --home-dir /app --no-create-home learner \
    && mkdir -p /app/state \
    && chown learner:learner /app/state

COPY target/online-learner.jar /app/online-learner.jar
COPY config/ /app/config/

USER learner

# The HTTP API: /models, /models/{id}, /metrics, /health and the live page at /.
EXPOSE 8080

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/online-learner.jar"]
CMD ["run", "--config", "/app/config/learner-docker.properties"]
