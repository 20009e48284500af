"""The extraction library: pure functions that read men, dates, places, units, ranks and
categories out of Russian (and English) text, each value with the span it came from."""
