"""Norwegian identity numbers in the records (`identity`): fødselsnummer, d-nummer and
DUF-nummer, their check digits, and the birth date and age a number gives, each rule as a
function of one value and as a polars expression over a column."""
