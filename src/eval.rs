//! Strict and lax precision, recall and F1 of an alignment against gold.
