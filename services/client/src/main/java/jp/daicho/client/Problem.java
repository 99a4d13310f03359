package jp.daicho.client;

import java.util.List;
import java.util.Map;

/**
 * A refusal as the services write it (RFC 9457 problem document): status, what is wrong ({@code detail}), every
 * problem found, and the other properties a refusal may carry (the known codes, a manifest's violations …).
 */
public record Problem(int status, String title, String detail, List<String> problems, Map<String, Object> properties) {
}
