"""Request and response schemas of the API, by area; inputs are strict and refuse unknown fields.

`common` holds what every area shares (strict JSON inputs, the vocabulary's code types, multipart form
rules), `uploads` a request's files as a case's documents; the other modules are one area each. Callers
import each schema from the module that defines it.
"""
