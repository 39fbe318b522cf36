-- The last event position when a party's webhook was first configured: notices after it are
-- sent (and swept up when a delivery was lost); earlier ones were only listed.
ALTER TABLE party_webhooks ADD COLUMN IF NOT EXISTS configured_position bigint NOT NULL DEFAULT 0;
-- Replaced by configured_position (a position is the same on every clock).
ALTER TABLE party_webhooks DROP COLUMN IF EXISTS configured_at;
