package io.rungu.mcp.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** One message from a client, classified by its JSON-RPC shape. */
public sealed interface Incoming {

    /** A call that expects an answer. */
    record Request(JsonNode id, String method, ObjectNode params) implements Incoming {}

    /** A message without id: never answered. */
    record Notification(String method) implements Incoming {}

    /** The client's answer to a server request; this server sends none, so these are ignored. */
    record ClientResponse() implements Incoming {}

    /** Something that is not a valid message; answered with {@code error} and {@code id} when one could be read. */
    record Invalid(JsonNode id, RpcException error) implements Incoming {}

    /** Parses and classifies one message. */
    static Incoming parse(ObjectMapper mapper, byte[] bytes) {
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            return new Invalid(null, new RpcException(RpcException.PARSE_ERROR,
                    "Parse error: the message is nested too deeply or holds a number that is too long"));
        } catch (IOException e) {
            return new Invalid(null, new RpcException(RpcException.PARSE_ERROR, "Parse error: " + firstLine(e)));
        }
        if (node == null || node.isMissingNode()) {
            return new Invalid(null, new RpcException(RpcException.PARSE_ERROR, "Parse error: empty message"));
        }
        if (node.isArray()) {
            return new Invalid(null, new RpcException(RpcException.INVALID_REQUEST,
                    "Batch requests are not supported: send one JSON-RPC message at a time"));
        }
        if (!node.isObject()) {
            return new Invalid(null, new RpcException(RpcException.INVALID_REQUEST,
                    "Invalid Request: a message must be a JSON object"));
        }
        JsonNode id = node.get("id");
        boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
        JsonNode echoId = validId ? id : null;
        if (!"2.0".equals(node.path("jsonrpc").asText(null)) || !node.path("jsonrpc").isTextual()) {
            return new Invalid(echoId, invalid("\"jsonrpc\" must be \"2.0\""));
        }
        JsonNode method = node.get("method");
        if (method == null) {
            if (id != null && (node.has("result") || node.has("error"))) {
                return new ClientResponse();
            }
            return new Invalid(echoId, invalid("\"method\" is missing"));
        }
        if (!method.isTextual()) {
            return new Invalid(echoId, invalid("\"method\" must be a string"));
        }
        if (id != null && !validId) {
            return new Invalid(null, invalid("\"id\" must be a string or an integer"));
        }
        if (id == null) {
            return new Notification(method.asText());
        }
        JsonNode params = node.get("params");
        if (params == null || params.isNull()) {
            return new Request(id, method.asText(), JsonNodeFactory.instance.objectNode());
        }
        if (!params.isObject()) {
            return new Invalid(id, new RpcException(RpcException.INVALID_PARAMS, "\"params\" must be an object"));
        }
        return new Request(id, method.asText(), (ObjectNode) params);
    }

    private static RpcException invalid(String why) {
        return new RpcException(RpcException.INVALID_REQUEST, "Invalid Request: " + why);
    }

    private static String firstLine(IOException e) {
        String message = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
