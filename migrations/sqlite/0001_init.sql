-- xuefeng schema, version 1.
-- Ids are AUTOINCREMENT: a deleted record's id is never given to a new one, so an id a client holds
-- always means the same record (or none).
-- Calendar dates are TEXT 'YYYY-MM-DD' (they sort and compare as dates and read well in the sqlite3
-- shell); instants are INTEGER microseconds since the Unix epoch, UTC. Every mutable record has a
-- `version` bumped on each change, compared with If-Match.

CREATE TABLE orgs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('party_committee', 'working_committee', 'leading_group',
                                               'general_branch', 'branch', 'group', 'study_group')),
  parent_id   INTEGER REFERENCES orgs (id),
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX orgs_parent ON orgs (parent_id, id);

-- Closure table: one row per (ancestor, descendant) pair, including each org with itself at depth 0,
-- so a whole subtree is one indexed lookup.
CREATE TABLE org_closure (
  ancestor_id   INTEGER NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  descendant_id INTEGER NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  depth         INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
) WITHOUT ROWID;
CREATE INDEX org_closure_descendant ON org_closure (descendant_id, ancestor_id);

CREATE TABLE people (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL,
  gender       TEXT    CHECK (gender IN ('male', 'female')),
  birth_date   TEXT,
  party_member INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
  cadre_level  TEXT    CHECK (cadre_level IN ('bureau', 'county', 'township')),
  post         TEXT    NOT NULL DEFAULT '',
  phone        TEXT    NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX people_name ON people (name);

-- Each distinct character of a person's name (ASCII lower-cased), so a name search starts from an index
-- whatever part of the name is typed: surname, given name, or a single character.
CREATE TABLE person_name_chars (
  token     TEXT    NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (token, person_id)
) WITHOUT ROWID;
CREATE INDEX person_name_chars_person ON person_name_chars (person_id);

CREATE TABLE memberships (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id    INTEGER NOT NULL REFERENCES orgs (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  role      TEXT    NOT NULL CHECK (role IN ('secretary', 'deputy_secretary', 'committee_member', 'group_leader',
                                             'study_secretary', 'member')),
  since     TEXT    NOT NULL,
  until     TEXT,
  version   INTEGER NOT NULL DEFAULT 1,
  CHECK (until IS NULL OR until >= since)
);
CREATE INDEX memberships_org ON memberships (org_id, since, until, person_id);
CREATE INDEX memberships_person ON memberships (person_id, org_id, since);

CREATE TABLE plans (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id     INTEGER NOT NULL REFERENCES orgs (id),
  year       INTEGER NOT NULL,
  title      TEXT    NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (org_id, year)
);
CREATE INDEX plans_year ON plans (year, id);

CREATE TABLE topics (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  title       TEXT    NOT NULL,
  description TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX topics_plan ON topics (plan_id, position);

CREATE TABLE activities (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id              INTEGER NOT NULL REFERENCES orgs (id),
  plan_id             INTEGER REFERENCES plans (id),
  topic_id            INTEGER REFERENCES topics (id),
  kind                TEXT    NOT NULL CHECK (kind IN ('centralized_study', 'lecture', 'keynote', 'seminar',
                                                       'reading_club', 'quiz_contest', 'film', 'site_visit',
                                                       'field_research', 'policy_briefing', 'party_lecture',
                                                       'training', 'grassroots_visit')),
  title               TEXT    NOT NULL,
  starts_on           TEXT    NOT NULL,
  ends_on             TEXT    NOT NULL,
  starts_at           INTEGER,
  ends_at             INTEGER,
  location            TEXT    NOT NULL DEFAULT '',
  host_id             INTEGER REFERENCES people (id),
  credit_hours        REAL    NOT NULL DEFAULT 0,
  series_id           INTEGER,
  -- Per-activity key of the rotating check-in code; never leaves the server.
  check_in_secret     TEXT    NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX activities_org_date ON activities (org_id, starts_on, id);
CREATE INDEX activities_date ON activities (starts_on, id);
CREATE INDEX activities_plan ON activities (plan_id);
CREATE INDEX activities_topic ON activities (topic_id);
CREATE INDEX activities_host ON activities (host_id);
CREATE INDEX activities_series ON activities (series_id);

CREATE TABLE activity_speakers (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES people (id),
  title       TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;
CREATE INDEX activity_speakers_person ON activity_speakers (person_id, activity_id);

CREATE TABLE activity_invitees (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX activity_invitees_person ON activity_invitees (person_id, activity_id);

CREATE TABLE attendance (
  activity_id   INTEGER NOT NULL REFERENCES activities (id),
  person_id     INTEGER NOT NULL REFERENCES people (id),
  status        TEXT    NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
  checked_in_at INTEGER,
  note          TEXT    NOT NULL DEFAULT '',
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person ON attendance (person_id, activity_id);

CREATE TABLE leave_requests (
  activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES people (id),
  reason       TEXT    NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  requested_at INTEGER NOT NULL,
  decided_at   INTEGER,
  decided_by   INTEGER REFERENCES accounts (id),
  PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX leave_requests_person ON leave_requests (person_id);
CREATE INDEX leave_requests_decided_by ON leave_requests (decided_by);

CREATE TABLE archive_entries (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  kind          TEXT    NOT NULL CHECK (kind IN ('note', 'reflection', 'article', 'keynote', 'party_lecture_given',
                                                 'year_end_summary', 'self_study', 'research_report',
                                                 'contact_point')),
  date          TEXT    NOT NULL,
  title         TEXT    NOT NULL,
  content       TEXT    NOT NULL DEFAULT '',
  credit_hours  REAL    NOT NULL DEFAULT 0,
  activity_id   INTEGER REFERENCES activities (id),
  venue         TEXT    NOT NULL DEFAULT '',
  review_status TEXT    CHECK (review_status IN ('verified', 'returned')),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX archive_entries_person ON archive_entries (person_id, date, id);
CREATE INDEX archive_entries_activity ON archive_entries (activity_id);

CREATE TABLE archive_reviews (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id            INTEGER NOT NULL REFERENCES archive_entries (id) ON DELETE CASCADE,
  -- NULL when the review was made by the system (command line), not by an account.
  reviewer_account_id INTEGER REFERENCES accounts (id),
  verdict             TEXT    NOT NULL CHECK (verdict IN ('verified', 'returned')),
  comment             TEXT    NOT NULL DEFAULT '',
  reviewed_at         INTEGER NOT NULL
);
CREATE INDEX archive_reviews_entry ON archive_reviews (entry_id, id);
CREATE INDEX archive_reviews_reviewer ON archive_reviews (reviewer_account_id);

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  login         TEXT    NOT NULL UNIQUE,
  password_hash TEXT    NOT NULL,
  person_id     INTEGER REFERENCES people (id),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);
CREATE INDEX accounts_person ON accounts (person_id);

-- A role held by an account; org_id scopes it to a subtree (NULL: system-wide).
CREATE TABLE account_grants (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role       TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
  org_id     INTEGER REFERENCES orgs (id)
);
CREATE UNIQUE INDEX account_grants_unique ON account_grants (account_id, role, ifnull(org_id, 0));
CREATE INDEX account_grants_org ON account_grants (org_id);

-- Sessions are stored by a hash of their token: a copy of the database opens no session.
CREATE TABLE sessions (
  token_hash   TEXT    PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
