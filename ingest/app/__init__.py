"""What users run: the command line, the Datasette browser and the demo.
"""
