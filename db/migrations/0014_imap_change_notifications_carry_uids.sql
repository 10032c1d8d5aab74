-- Change notifications carry the UIDs that changed: 'accountId:folderId:uid,uid,…' (at most 500
-- UIDs per notification, well under pg_notify's 8,000-byte payload), so that an IDLE-ing session
-- reads only those rows instead of its whole folder (O(change), not O(folder)). An UPDATE names
-- each row's old place (a move: the UID that left) and its new one (the UID it arrived with).
CREATE OR REPLACE FUNCTION messages_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM new_rows) r
      GROUP BY account_id, folder_id, part) x;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM old_rows) r
      GROUP BY account_id, folder_id, part) x;
  ELSE
    PERFORM pg_notify('mailroom_mailbox', p) FROM (
      SELECT account_id || ':' || folder_id || ':' || string_agg(uid::text, ',' ORDER BY uid) AS p
      FROM (SELECT account_id, folder_id, uid,
              (row_number() OVER (PARTITION BY account_id, folder_id ORDER BY uid) - 1) / 500 AS part
            FROM (SELECT account_id, folder_id, uid FROM new_rows
                  UNION SELECT account_id, folder_id, uid FROM old_rows) u) r
      GROUP BY account_id, folder_id, part) x;
  END IF;
  RETURN NULL;
END;
$$;
