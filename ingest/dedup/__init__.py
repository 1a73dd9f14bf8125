"""Near-duplicate detection: MinHash signatures of a story's shingles and the cluster
rules that settle which stored copy stands for a story.
"""
