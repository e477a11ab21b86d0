package io.msr.deployment;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes manifests, parsed strictly against the Kubernetes API model: the generated models of
 * {@code client-java-api} reject unknown fields, missing required fields and wrong types.
 */
final class Manifests {

    private static final Gson GSON = new Gson();

    private Manifests() {
    }

    /** One YAML document, as a map and as the JSON the models validate. */
    record Document(String source, Map<String, Object> map) {

        String kind() {
            return String.valueOf(map.get("kind"));
        }

        String name() {
            Object metadata = map.get("metadata");
            return metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : null;
        }

        /** The metadata's annotations, empty when there are none. */
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations() {
            Object metadata = map.get("metadata");
            Object annotations = metadata instanceof Map<?, ?> m ? m.get("annotations") : null;
            return annotations instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        }

        JsonElement json() {
            return GSON.toJsonTree(map);
        }

        V1Job job() throws IOException {
            return V1Job.fromJson(json().toString());
        }

        V1CronJob cronJob() throws IOException {
            return V1CronJob.fromJson(json().toString());
        }

        V1Deployment deployment() throws IOException {
            return V1Deployment.fromJson(json().toString());
        }

        V1Service service() throws IOException {
            return V1Service.fromJson(json().toString());
        }

        V1Secret secret() throws IOException {
            return V1Secret.fromJson(json().toString());
        }
    }

    /** Parses every non-empty document of a YAML text. */
    @SuppressWarnings("unchecked")
    static List<Document> parse(String source, String yaml) {
        List<Document> documents = new ArrayList<>();
        for (Object loaded : new Yaml().loadAll(yaml)) {
            if (loaded instanceof Map<?, ?> map && !map.isEmpty()) {
                documents.add(new Document(source, (Map<String, Object>) map));
            }
        }
        return documents;
    }

    /**
     * Validates a document strictly against its Kubernetes model; throws with the source and the model's
     * complaint. Returns false for kinds outside the core API (custom resources), which the caller checks itself.
     */
    static boolean validateStrictly(Document document) {
        try {
            switch (document.kind()) {
                case "Job" -> V1Job.validateJsonElement(document.json());
                case "CronJob" -> V1CronJob.validateJsonElement(document.json());
                case "Deployment" -> V1Deployment.validateJsonElement(document.json());
                case "Service" -> V1Service.validateJsonElement(document.json());
                case "Secret" -> V1Secret.validateJsonElement(document.json());
                case "ConfigMap" -> V1ConfigMap.validateJsonElement(document.json());
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(document.source() + ": " + document.kind() + " " + document.name()
                    + " does not match the Kubernetes API model: " + e.getMessage(), e);
        }
    }
}
