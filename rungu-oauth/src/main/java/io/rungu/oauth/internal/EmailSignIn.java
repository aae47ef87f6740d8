package io.rungu.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in by email: a one-time link (the sign-in-link machinery: single use, {@code ttl}) mailed to the address;
 * the member is created when the link is first used, never for an address that does not open it.
 * The caller always hears the same answer, so nobody learns which addresses have accounts; an address that asked
 * too often in the last hour gets no more links until it cools down (the plugin limits requests per IP).
 */
public final class EmailSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSignIn.class);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final AuthCore core;
    private final BiConsumer<String, String> sender;
    private final Duration ttl;
    private final int perAddressPerHour;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public EmailSignIn(AuthCore core, BiConsumer<String, String> sender, Duration ttl, int perAddressPerHour) {
        this.core = core;
        this.sender = sender;
        this.ttl = ttl;
        this.perAddressPerHour = perAddressPerHour;
        this.clock = core.clock;
    }

    /** How long a mailed link works. */
    public Duration ttl() {
        return ttl;
    }

    /** True when {@code email} looks like an address at all (a malformed one is the caller's error, INVALID). */
    public static boolean plausible(String email) {
        return email != null && email.length() <= 254 && ADDRESS.matcher(email).matches();
    }

    /**
     * Mails a sign-in link to {@code email} unless it asked too often; never says which happened.
     *
     * @throws io.rungu.model.RunguException {@code invalid} for an address that changes under Unicode case mapping
     *         (the Kelvin sign would otherwise lower-case to {@code k} and reach another account's mailbox)
     */
    public void request(String email) {
        String address = io.rungu.model.Emails.normalizeSafely(email);
        if (!allowed(address)) {
            LOG.info("Email sign-in: too many links for one address in the last hour; none sent");
            return;
        }
        String link = core.createEmailSignInLink(address, ttl);
        try {
            sender.accept(address, link);
        } catch (RuntimeException e) {
            LOG.warn("Email sign-in: the link could not be handed to the mailer: {}", e.toString());
        }
    }

    private boolean allowed(String address) {
        Instant now = clock.instant();
        boolean[] ok = {false};
        recent.compute(address, (k, times) -> {
            Deque<Instant> list = times == null ? new ArrayDeque<>() : times;
            while (!list.isEmpty() && list.peekFirst().isBefore(now.minus(WINDOW))) {
                list.pollFirst();
            }
            if (list.size() < perAddressPerHour) {
                list.addLast(now);
                ok[0] = true;
            }
            return list;
        });
        recent.entrySet().removeIf(e -> e.getValue().isEmpty());
        return ok[0];
    }
}
