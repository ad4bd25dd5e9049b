-- Which ticket a notification is about, so erasing a customer or deleting an old ticket also
-- deletes the e-mails and webhook calls that quote its subject and the customer's name.
-- NULL for the console's test messages and for rows written before this migration (the
-- retention job deletes those once delivered or failed and older than 30 days).
ALTER TABLE notifications ADD COLUMN ticket_id TEXT;
CREATE INDEX notifications_ticket ON notifications (ticket_id) WHERE ticket_id IS NOT NULL;
