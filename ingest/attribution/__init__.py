"""Who wrote the story and who published it first: authors, credit lines, wire
datelines, structured provenance and the site's own identity, weighed into one verdict.
"""
