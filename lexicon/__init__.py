"""Reference tables of the field and the small functions that read them.

Regions and settlements, given names and their short forms, transliteration, units, ranks and
categories. Both the spiders (to extract) and dedupe (to compare) read these; lexicon imports
nothing else from tally.
"""
