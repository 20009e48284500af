"""The contract every stage shares: what a record, a reject and a page row are, and what a run
folder holds. Spiders write it, the warehouse reads it; neither imports the other."""
