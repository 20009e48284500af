"""Review: maintainers decide what dedupe is unsure of. The decisions and the queue live in a
SQLite file beside the warehouse (`store`, `queue`); a local web app (`web`) and the terminal
(`terminal`) show the same queue; every later dedupe run obeys the decisions."""
