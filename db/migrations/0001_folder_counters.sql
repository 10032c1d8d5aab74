-- Folder counters (total, unread) kept by statement-level triggers on messages, so every code
-- path that inserts, moves, marks or deletes mail keeps them right, and bulk statements pay one
-- update per folder rather than one per row.
CREATE FUNCTION folder_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE folders f SET total_count = f.total_count + d.n, unread_count = f.unread_count + d.u
    FROM (SELECT org_id, folder_id, count(*) AS n, count(*) FILTER (WHERE NOT seen) AS u
          FROM new_rows GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE folders f SET total_count = f.total_count - d.n, unread_count = f.unread_count - d.u
    FROM (SELECT org_id, folder_id, count(*) AS n, count(*) FILTER (WHERE NOT seen) AS u
          FROM old_rows GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id;
  ELSE
    UPDATE folders f SET total_count = f.total_count + d.n, unread_count = f.unread_count + d.u
    FROM (SELECT org_id, folder_id, sum(n) AS n, sum(u) AS u FROM (
            SELECT org_id, folder_id, 1 AS n, (NOT seen)::int AS u FROM new_rows
            UNION ALL
            SELECT org_id, folder_id, -1, -((NOT seen)::int) FROM old_rows) x
          GROUP BY org_id, folder_id) d
    WHERE f.org_id = d.org_id AND f.id = d.folder_id AND (d.n <> 0 OR d.u <> 0);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_counters_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION folder_counters_apply();
--> statement-breakpoint
CREATE TRIGGER messages_counters_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION folder_counters_apply();
--> statement-breakpoint
CREATE TRIGGER messages_counters_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION folder_counters_apply();
