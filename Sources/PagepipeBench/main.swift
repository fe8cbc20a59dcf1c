print("pagepipe-bench: under construction")
