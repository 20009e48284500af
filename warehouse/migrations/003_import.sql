-- Imported lists: a row of an already merged list is one man and is never merged with another.
ALTER TABLE records ADD COLUMN distinct_person BOOLEAN DEFAULT false;
