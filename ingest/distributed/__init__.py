"""Distributed crawls: the Redis-backed start points, queue bookkeeping and the
shared near-duplicate index of several crawling machines.
"""
