-- Roles scoped to subtrees of the org tree, the org that keeps each person's record, and the audit trail.

-- The org that keeps a person's record; who may manage the person follows from it.
ALTER TABLE people ADD COLUMN org_id INTEGER REFERENCES orgs (id);
CREATE INDEX people_org ON people (org_id, id);

-- Grants: more roles, and an id each. SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt. Scoped roles name an org; admin and member never do.
CREATE TABLE account_grants_new (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role       TEXT    NOT NULL CHECK (role IN ('admin', 'org_admin', 'secretary', 'study_secretary', 'supervisor',
                                             'member')),
  org_id     INTEGER REFERENCES orgs (id),
  CHECK ((role IN ('admin', 'member')) = (org_id IS NULL))
);
INSERT INTO account_grants_new (account_id, role, org_id) SELECT account_id, role, org_id FROM account_grants;
DROP TABLE account_grants;
ALTER TABLE account_grants_new RENAME TO account_grants;
CREATE UNIQUE INDEX account_grants_unique ON account_grants (account_id, role, ifnull(org_id, 0));
CREATE INDEX account_grants_org ON account_grants (org_id);
CREATE INDEX account_grants_role ON account_grants (role, account_id);

-- The audit trail: one row per changed row of the domain's tables, written by triggers in the same
-- transaction as the change (see src/store/sqlite/audit.cpp), with who, when, from where and which use
-- case, the row before and after as JSON, and a SHA-256 chained to the previous row's, so that altering
-- or removing a row is detectable (`xuefeng audit verify`).
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  account_id INTEGER,           -- no foreign key: the trail outlives the accounts it names
  login      TEXT    NOT NULL,
  address    TEXT    NOT NULL,
  use_case   TEXT    NOT NULL,
  table_name TEXT    NOT NULL,
  operation  TEXT    NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_id     INTEGER,
  org_id     INTEGER,           -- the org the row belongs to, for reading the trail by subtree
  before     TEXT,              -- JSON object, NULL for an insert
  after      TEXT,              -- JSON object, NULL for a delete
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- What each row's hash covers, in one place: the triggers hash exactly this, and verification recomputes it.
CREATE VIEW audit_log_payload (id, payload) AS
SELECT id, json_array(prev_hash, at, account_id, login, address, use_case, table_name, operation, row_id, org_id,
                      before, after)
FROM audit_log;
