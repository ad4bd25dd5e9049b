<?php
/**
 * The usage snapshot of the panelcare host shim contract from WHMCS's GetClientsProducts
 * answer: the client's active hosting service with the most disk in use. WHMCS reports disk
 * and bandwidth in megabytes, a limit of 0 when none is set (unlimited), and
 * {"result": "error", "message": …} when it cannot answer.
 */

final class PanelcareUsage
{
    const MB = 1048576;

    /** @return array{0: array|null, 1: string|null} the snapshot, or why there is none */
    public static function fromProducts($answer)
    {
        if (!is_array($answer)) {
            return array(null, 'GetClientsProducts gave no answer');
        }
        if (!isset($answer['result']) || $answer['result'] !== 'success') {
            $why = isset($answer['message']) && is_string($answer['message']) ? $answer['message'] : 'unknown error';
            return array(null, 'GetClientsProducts: ' . $why);
        }
        $list = isset($answer['products']['product']) && is_array($answer['products']['product'])
            ? $answer['products']['product'] : array();
        $best = null;
        foreach ($list as $p) {
            if (!is_array($p) || (isset($p['status']) && $p['status'] !== 'Active')) {
                continue;
            }
            if ($best === null || self::num($p, 'diskusage') > self::num($best, 'diskusage')) {
                $best = $p;
            }
        }
        if ($best === null) {
            return array(array(), null);
        }
        $snapshot = array(
            'service_id' => (string) $best['id'],
            'disk' => self::pair($best, 'diskusage', 'disklimit'),
            'bandwidth' => self::pair($best, 'bwusage', 'bwlimit'),
        );
        return array($snapshot, null);
    }

    private static function num(array $p, $key)
    {
        return isset($p[$key]) && is_numeric($p[$key]) ? (float) $p[$key] : 0.0;
    }

    /** Megabytes to bytes; a limit of 0 is no limit (null). */
    private static function pair(array $p, $used, $limit)
    {
        $l = self::num($p, $limit);
        return array(
            'used' => self::num($p, $used) * self::MB,
            'limit' => $l > 0 ? $l * self::MB : null,
        );
    }
}
