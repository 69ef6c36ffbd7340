-- Declared requirements (学习要求): a JSON document attached to an org, binding its subtree. The
-- document is stored as the API shows it; its shape is checked by the application (docs/api.md §14).
CREATE TABLE requirement_sets (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES orgs (id),
  -- The template it was made from (eight_ones, ...), kept for the record; NULL when written by hand.
  template    TEXT,
  document    TEXT    NOT NULL CHECK (json_valid(document)),
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX requirement_sets_org ON requirement_sets (org_id, id);
