-- Rows queued before queued_at existed take their message's time (new rows get it from the default,
-- in the message's own transaction).
UPDATE "outbound_recipients" AS r SET "queued_at" = m."created_at"
FROM "outbound_messages" AS m
WHERE m."org_id" = r."org_id" AND m."id" = r."message_id";
