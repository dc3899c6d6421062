# DuckDB: the establishments most often over their operational capacity, read straight from
# results.sqlite. DuckDB fetches its sqlite extension on first use; offline, `pip install
# duckdb==1.4.4 duckdb-ext-sqlite` ships it and the extension folder is taken from there.
import sys
import duckdb

store = sys.argv[1] if len(sys.argv) > 1 else "runs/england-wales/results.sqlite"
config = {}
try:
    import duckdb_ext
    config["extension_directory"] = list(duckdb_ext.__path__)[0] + "/extensions"
except ImportError:
    pass
con = duckdb.connect(config=config)
con.execute(f"ATTACH '{store}' AS results (TYPE sqlite, READ_ONLY)")
rows = con.execute("""
    SELECT scenario, establishment, function,
           avg(p_over_operational_capacity) AS share_of_months_over,
           max(pct_pop_to_in_use_cna_mean)  AS worst_pct_of_cna
    FROM results.establishment_monthly
    GROUP BY scenario, establishment, function
    ORDER BY share_of_months_over DESC, worst_pct_of_cna DESC
    LIMIT 5""").fetchall()
for scenario, establishment, function, share, worst in rows:
    print(f"{scenario},{establishment},{function},{share:.4f},{worst:.2f}")
