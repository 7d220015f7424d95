"""The controls, one module per form; shared ones in `common`, pre-validation in `prevalidation`."""
