"""The stand-in sites: each renders some of the world's men the way one kind of real source does."""
