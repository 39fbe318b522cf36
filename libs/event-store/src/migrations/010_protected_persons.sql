-- The persons with skyddade personuppgifter (rm_cases.protected is the person's: see the cases
-- projection). Every upsert of a case asks whether another case of its person is protected; this
-- index holds only the protected rows, so that question is one probe into a small index.
CREATE INDEX IF NOT EXISTS rm_cases_protected_person ON rm_cases (tenant, person_id) WHERE protected;
