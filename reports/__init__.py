"""Protocols and archives of a group's election: gathered once, written as PDF, DOCX, Markdown,
JSON, CSV annexes and a checksummed zip.

`protocol_data` reads the election into plain values; everything else only formats them, so no
writer can reach a figure the gathering step did not already suppress or leave out.
"""
