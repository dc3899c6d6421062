# Python's sqlite3: the chance that the male estate runs out of useable operational capacity
# in each winter month (November to February), with its 95 % interval.
import sqlite3, sys

store = sys.argv[1] if len(sys.argv) > 1 else "runs/england-wales/results.sqlite"
db = sqlite3.connect(store)
for scenario, month, p, low, high in db.execute("""
        SELECT scenario, month, male_p_over_useable_capacity,
               male_p_over_useable_capacity_low95, male_p_over_useable_capacity_high95
        FROM monthly
        WHERE substr(month, 6, 2) IN ('11', '12', '01', '02')
        ORDER BY scenario, month"""):
    print(f"{scenario},{month},{p:.4f},{low:.4f},{high:.4f}")
