<?php
/**
 * panelcare identity tokens, signed on the panel's server: the one signing contract every
 * PHP integration (WHMCS addon, Plesk extension) shares. `cargo xtask dist` copies this file
 * into each package; edit it here.
 *
 * A token is a JWT (HS256) with the header {"alg":"HS256","typ":"JWT","kid":<key id>} and
 * the claims {iss: tenant, sub: account, aud: "panelcare", iat, exp (at most 15 minutes
 * after iat), name, email, plan, locale, support_tier?, server?}. The secret never leaves
 * the server: only the token goes to the browser.
 */

final class PanelcareToken
{
    /** Longest lifetime the panelcare server accepts. */
    const MAX_LIFETIME = 900;

    private static function b64url($bytes)
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }

    /**
     * @param string $tenant  the tenant id panelcare knows (iss)
     * @param string $kid     the id of the tenant's signing key
     * @param string $secret  that key's secret
     * @param array  $who     account (required), name, email, plan, locale, support_tier, server
     * @param int    $lifetime seconds, 60 to 900
     * @param int|null $now   Unix time (tests); the clock when null
     */
    public static function sign($tenant, $kid, $secret, array $who, $lifetime = 600, $now = null)
    {
        if (!is_string($tenant) || $tenant === '' || !is_string($kid) || $kid === '') {
            throw new InvalidArgumentException('panelcare: the tenant and key id are required');
        }
        if (!is_string($secret) || strlen($secret) < 16) {
            throw new InvalidArgumentException('panelcare: the signing secret is missing or too short');
        }
        if (!isset($who['account']) || !is_string($who['account']) || $who['account'] === '') {
            throw new InvalidArgumentException('panelcare: the account is required');
        }
        $lifetime = max(60, min(self::MAX_LIFETIME, (int) $lifetime));
        $now = $now === null ? time() : (int) $now;
        $claims = array(
            'iss' => $tenant,
            'sub' => $who['account'],
            'aud' => 'panelcare',
            'iat' => $now,
            'exp' => $now + $lifetime,
        );
        foreach (array('name', 'email', 'plan', 'locale', 'support_tier', 'server') as $field) {
            if (isset($who[$field]) && is_string($who[$field]) && $who[$field] !== '') {
                $claims[$field] = $who[$field];
            }
        }
        $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
        $header = self::b64url(json_encode(array('alg' => 'HS256', 'typ' => 'JWT', 'kid' => $kid), $flags));
        $payload = self::b64url(json_encode($claims, $flags));
        $mac = hash_hmac('sha256', $header . '.' . $payload, $secret, true);
        return $header . '.' . $payload . '.' . self::b64url($mac);
    }
}
