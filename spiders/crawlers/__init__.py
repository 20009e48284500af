"""Scrapy spiders. One generic spider runs any source config."""
