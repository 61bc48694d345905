"""ipmeasures: the Huizhou IP-protection measures as data, with queries and delivery checks."""

__version__ = "0.1.0"
