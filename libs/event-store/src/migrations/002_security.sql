-- Personal-data protection (DOMAIN.md §10): no personnummer is stored, only a keyed hash to find
-- the same person again; each person's data key is stored wrapped by the master key, and erasure
-- deletes it (crypto-shredding) and records that it happened, by code only.

CREATE TABLE IF NOT EXISTS persons (
  tenant      text NOT NULL,
  lookup_hash text NOT NULL,
  person_id   uuid NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, lookup_hash)
);

CREATE UNIQUE INDEX IF NOT EXISTS persons_person_id ON persons (tenant, person_id);

CREATE TABLE IF NOT EXISTS person_keys (
  tenant      text NOT NULL,
  person_id   uuid NOT NULL,
  wrapped_key text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, person_id)
);

CREATE TABLE IF NOT EXISTS person_erasures (
  tenant      text NOT NULL,
  person_id   uuid NOT NULL,
  erased_at   timestamptz NOT NULL DEFAULT now(),
  -- A code, never free text: the reason for an erasure may itself be personal data.
  reason_code text NOT NULL CHECK (reason_code ~ '^[A-Z][A-Z0-9_]{0,63}$'),
  PRIMARY KEY (tenant, person_id)
);
