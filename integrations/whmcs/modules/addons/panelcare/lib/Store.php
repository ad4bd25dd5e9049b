<?php
/**
 * The addon's own tables in WHMCS's database: which WHMCS ticket mirrors which panelcare
 * ticket, which replies crossed already (so none crosses twice), what the addon itself wrote
 * into WHMCS (so the cron job never takes it for a new reply), which deliveries from
 * panelcare were applied (a retried delivery is answered from here, not applied again), and
 * the upgrades ordered from an offer until their invoice is paid.
 *
 * Plain SQL through WHMCS's PDO connection, written to run on MySQL/MariaDB (WHMCS) and on
 * SQLite (the addon's tests).
 */

final class PanelcareStore
{
    /** @var PDO */
    private $db;

    public function __construct(PDO $db)
    {
        $this->db = $db;
        $this->db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    }

    public static function fromWhmcs()
    {
        return new self(\WHMCS\Database\Capsule::connection()->getPdo());
    }

    /** Creates the tables if they are missing (on activation and upgrade). */
    public function install()
    {
        $this->db->exec('CREATE TABLE IF NOT EXISTS mod_panelcare_tickets (
            panelcare_id VARCHAR(64) NOT NULL PRIMARY KEY,
            whmcs_id INT NOT NULL UNIQUE,
            tid VARCHAR(32) NOT NULL,
            last_status VARCHAR(32) NOT NULL,
            changed_at INT NOT NULL,
            checked_at INT NOT NULL,
            created_at INT NOT NULL)');
        $this->db->exec('CREATE TABLE IF NOT EXISTS mod_panelcare_replies (
            whmcs_reply_id INT NOT NULL PRIMARY KEY,
            whmcs_ticket_id INT NOT NULL,
            origin VARCHAR(16) NOT NULL,
            created_at INT NOT NULL)');
        $this->db->exec('CREATE TABLE IF NOT EXISTS mod_panelcare_sent (
            whmcs_ticket_id INT NOT NULL,
            digest VARCHAR(64) NOT NULL,
            created_at INT NOT NULL)');
        $this->db->exec('CREATE TABLE IF NOT EXISTS mod_panelcare_deliveries (
            delivery BIGINT NOT NULL PRIMARY KEY,
            answer TEXT NOT NULL,
            created_at INT NOT NULL)');
        $this->db->exec('CREATE TABLE IF NOT EXISTS mod_panelcare_upgrades (
            order_id INT NOT NULL PRIMARY KEY,
            invoice_id INT NOT NULL,
            account VARCHAR(64) NOT NULL,
            item VARCHAR(100) NOT NULL,
            reported INT NOT NULL,
            created_at INT NOT NULL)');
    }

    private function one($sql, array $args)
    {
        $q = $this->db->prepare($sql);
        $q->execute($args);
        $row = $q->fetch(PDO::FETCH_ASSOC);
        return $row === false ? null : $row;
    }

    private function run($sql, array $args)
    {
        $this->db->prepare($sql)->execute($args);
    }

    /** Runs an insert; false when the row is there already (SQLSTATE 23000 on MySQL and SQLite). */
    private function insertOnce($sql, array $args)
    {
        try {
            $this->run($sql, $args);
            return true;
        } catch (PDOException $e) {
            if ($e->getCode() === '23000') {
                return false;
            }
            throw $e;
        }
    }

    public function ticketByPanelcare($id)
    {
        return $this->one('SELECT * FROM mod_panelcare_tickets WHERE panelcare_id = ?', array($id));
    }

    public function ticketByWhmcs($whmcsId)
    {
        return $this->one('SELECT * FROM mod_panelcare_tickets WHERE whmcs_id = ?', array((int) $whmcsId));
    }

    public function mapTicket($panelcareId, $whmcsId, $tid, $status)
    {
        $this->run(
            'INSERT INTO mod_panelcare_tickets (panelcare_id, whmcs_id, tid, last_status, changed_at, checked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            array($panelcareId, (int) $whmcsId, $tid, $status, time(), time(), time())
        );
    }

    /** Remembers the status both sides agree on (WHMCS's name for it). */
    public function agreeStatus($whmcsId, $status)
    {
        $this->run(
            'UPDATE mod_panelcare_tickets SET changed_at = CASE WHEN last_status = ? THEN changed_at ELSE ? END, last_status = ? WHERE whmcs_id = ?',
            array($status, time(), $status, (int) $whmcsId)
        );
    }

    public function replyCrossed($replyId)
    {
        return $this->one('SELECT origin FROM mod_panelcare_replies WHERE whmcs_reply_id = ?', array((int) $replyId)) !== null;
    }

    /** @param string $origin 'panelcare' (we wrote it into WHMCS) or 'whmcs' (we took it to panelcare) */
    public function recordReply($replyId, $whmcsTicketId, $origin)
    {
        // A hook and the cron job may record the same reply at once: the first one counts.
        $this->insertOnce(
            'INSERT INTO mod_panelcare_replies (whmcs_reply_id, whmcs_ticket_id, origin, created_at) VALUES (?, ?, ?, ?)',
            array((int) $replyId, (int) $whmcsTicketId, $origin, time())
        );
    }

    /** The same text however WHMCS stored it (escaped, with other line ends or spacing). */
    private static function digest($message)
    {
        $plain = html_entity_decode(strip_tags((string) $message), ENT_QUOTES, 'UTF-8');
        return hash('sha256', trim(preg_replace('/\s+/u', ' ', $plain)));
    }

    /** Remembers a reply the addon is about to write into WHMCS ticket $whmcsId. */
    public function rememberSent($whmcsId, $message)
    {
        $this->run(
            'INSERT INTO mod_panelcare_sent (whmcs_ticket_id, digest, created_at) VALUES (?, ?, ?)',
            array((int) $whmcsId, self::digest($message), time())
        );
    }

    /** Whether $message on ticket $whmcsId is one the addon wrote (and forgets it: once). */
    public function takeSent($whmcsId, $message)
    {
        $q = $this->db->prepare('DELETE FROM mod_panelcare_sent WHERE whmcs_ticket_id = ? AND digest = ?');
        $q->execute(array((int) $whmcsId, self::digest($message)));
        return $q->rowCount() > 0;
    }

    /**
     * Claims delivery $id for this request. Returns null when it is ours to apply, the answer
     * given before when it was applied, or false while another request is applying it.
     */
    public function claimDelivery($id)
    {
        if ($this->insertOnce(
            'INSERT INTO mod_panelcare_deliveries (delivery, answer, created_at) VALUES (?, ?, ?)',
            array((int) $id, '', time())
        )) {
            return null;
        }
        $row = $this->one('SELECT answer FROM mod_panelcare_deliveries WHERE delivery = ?', array((int) $id));
        if ($row === null) {
            return $this->claimDelivery($id);
        }
        return $row['answer'] === '' ? false : json_decode($row['answer'], true);
    }

    /** Delivery $id was applied; a retry gets $answer. */
    public function finishDelivery($id, array $answer)
    {
        $this->run('UPDATE mod_panelcare_deliveries SET answer = ? WHERE delivery = ?', array(json_encode($answer), (int) $id));
    }

    /** Delivery $id was not applied; a retry may try again. */
    public function releaseDelivery($id)
    {
        $this->run("DELETE FROM mod_panelcare_deliveries WHERE delivery = ? AND answer = ''", array((int) $id));
    }

    /** Mirrored tickets to compare with WHMCS (open, or closed in the last two days), least recently compared first. */
    public function ticketsToCheck($limit)
    {
        $q = $this->db->prepare(
            "SELECT * FROM mod_panelcare_tickets WHERE last_status <> 'Closed' OR changed_at > ?
             ORDER BY checked_at LIMIT " . (int) $limit
        );
        $q->execute(array(time() - 2 * 86400));
        return $q->fetchAll(PDO::FETCH_ASSOC);
    }

    public function checked($whmcsId)
    {
        $this->run('UPDATE mod_panelcare_tickets SET checked_at = ? WHERE whmcs_id = ?', array(time(), (int) $whmcsId));
    }

    public function recordUpgrade($orderId, $invoiceId, $account, $item)
    {
        $this->run(
            'INSERT INTO mod_panelcare_upgrades (order_id, invoice_id, account, item, reported, created_at) VALUES (?, ?, ?, ?, 0, ?)',
            array((int) $orderId, (int) $invoiceId, $account, $item, time())
        );
    }

    /** Upgrades not yet reported, of one invoice or (null) all of them. */
    public function unreportedUpgrades($invoiceId = null)
    {
        if ($invoiceId === null) {
            $q = $this->db->prepare('SELECT * FROM mod_panelcare_upgrades WHERE reported = 0 ORDER BY created_at');
            $q->execute();
        } else {
            $q = $this->db->prepare('SELECT * FROM mod_panelcare_upgrades WHERE reported = 0 AND invoice_id = ?');
            $q->execute(array((int) $invoiceId));
        }
        return $q->fetchAll(PDO::FETCH_ASSOC);
    }

    public function upgradeReported($orderId)
    {
        $this->run('UPDATE mod_panelcare_upgrades SET reported = 1 WHERE order_id = ?', array((int) $orderId));
    }
}
