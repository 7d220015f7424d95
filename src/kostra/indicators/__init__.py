"""Key figures and basic figures declared as data, and their computation per region level."""
