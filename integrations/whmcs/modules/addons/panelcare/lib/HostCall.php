<?php
/**
 * Server-to-server calls between WHMCS and panelcare, both ways signed with the tenant key
 * the addon already signs tokens with:
 *
 *   X-Panelcare-Key: <key id>
 *   X-Panelcare-Timestamp: <unix seconds>
 *   X-Panelcare-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">
 *
 * A call older or newer than five minutes is refused, so a captured one cannot be replayed
 * later.
 */

final class PanelcareHostCall
{
    const WINDOW = 300;

    public static function signature($secret, $timestamp, $body)
    {
        return 'sha256=' . hash_hmac('sha256', $timestamp . '.' . $body, $secret);
    }

    /**
     * Why a delivery from panelcare is not to be trusted, or null when it is.
     *
     * @param array $headers lower-case header names to values
     */
    public static function refusal(array $settings, array $headers, $body, $now = null)
    {
        $now = $now === null ? time() : (int) $now;
        $kid = isset($headers['x-panelcare-key']) ? $headers['x-panelcare-key'] : '';
        $ts = isset($headers['x-panelcare-timestamp']) ? $headers['x-panelcare-timestamp'] : '';
        $sig = isset($headers['x-panelcare-signature']) ? $headers['x-panelcare-signature'] : '';
        if ($kid !== $settings['kid']) {
            return 'signed with another key than the one configured';
        }
        if (!ctype_digit($ts) || abs($now - (int) $ts) > self::WINDOW) {
            return 'the timestamp is missing or more than five minutes from now';
        }
        if (!hash_equals(self::signature($settings['secret'], $ts, $body), $sig)) {
            return 'the signature does not match';
        }
        return null;
    }

    /**
     * POSTs $payload (with the tenant added) to panelcare's $path.
     *
     * @return array{0: int, 1: array|null} HTTP status (0 when unreachable) and the JSON answer
     */
    public static function post(array $settings, $path, array $payload)
    {
        $payload = array('tenant' => $settings['tenant']) + $payload;
        // A stray invalid byte in a WHMCS message must not make the whole call unsendable.
        $body = json_encode($payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
        if ($body === false) {
            return array(0, array('message' => 'could not encode the call: ' . json_last_error_msg()));
        }
        $ts = (string) time();
        $ch = curl_init(rtrim($settings['server'], '/') . $path);
        curl_setopt_array($ch, array(
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $body,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 15,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_HTTPHEADER => array(
                'Content-Type: application/json',
                'User-Agent: panelcare-whmcs/0.2',
                'X-Panelcare-Key: ' . $settings['kid'],
                'X-Panelcare-Timestamp: ' . $ts,
                'X-Panelcare-Signature: ' . self::signature($settings['secret'], $ts, $body),
            ),
        ));
        $answer = curl_exec($ch);
        $status = $answer === false ? 0 : (int) curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);
        $json = is_string($answer) ? json_decode($answer, true) : null;
        return array($status, is_array($json) ? $json : null);
    }

    /** The bytes at a signed file address panelcare gave, or null past $maxBytes or on error. */
    public static function fetch($url, $maxBytes)
    {
        if (!preg_match('#^https?://#', $url)) {
            return null;
        }
        $ch = curl_init($url);
        curl_setopt_array($ch, array(
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_MAXFILESIZE => $maxBytes,
        ));
        $bytes = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);
        return is_string($bytes) && $status === 200 && strlen($bytes) <= $maxBytes ? $bytes : null;
    }
}
