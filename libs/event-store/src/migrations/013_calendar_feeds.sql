-- Personal calendar feeds (GET /api/v1/meetings.ics?feed=<secret>): a credential, like a party's
-- webhook secret, not a fact of the domain, so configuration state rather than events; revoking
-- one takes effect at once and an event stream would keep every feed's hash for ever.
-- The secret is never stored: only its sha256 (32 random bytes make a dictionary useless).
CREATE TABLE IF NOT EXISTS calendar_feeds (
  id          uuid PRIMARY KEY,
  tenant      text NOT NULL,
  -- The user the feed reads as: what that user's token said when the feed was made.
  owner_sub   text NOT NULL,
  owner_roles text[] NOT NULL,
  owner_party text,
  label       text,
  secret_hash bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  text
);
CREATE INDEX IF NOT EXISTS calendar_feeds_owner ON calendar_feeds (tenant, owner_sub, created_at);
