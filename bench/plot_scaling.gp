# govaudit's scaling curve on the heavy clean sites (issue 4), drawn by bench/run_bench.py:
#   gnuplot -e "datafile='bench/scaling.dat'; outfile='bench/scaling.png'" bench/plot_scaling.gp
# The data file has one row per site: pages, distinct URLs, wall (s), peak RSS (MB).
# Two panels rather than two y axes: the two curves have unrelated units, and each panel keeps
# its own origin so that a straight line through it reads as "linear in pages".
if (!exists("datafile")) datafile = "bench/scaling.dat"
if (!exists("outfile")) outfile = "bench/scaling.png"

set terminal pngcairo size 1000,420 font "sans,10"
set output outfile
set multiplot layout 1,2 title "govaudit on the heavy clean sites (medians)"
set key top left
set grid
set xlabel "pages"
set format x "%.0f"
set xrange [0:*]
set yrange [0:*]
set offsets 0, graph 0.05, graph 0.15, 0   # room for the last point's label

set title "wall time"
set ylabel "wall (s)"
plot datafile using 1:3 with linespoints pointtype 7 linewidth 2 title "govaudit wall", \
     "" using 1:3:(sprintf("%.1f s", $3)) with labels offset 0,1 notitle

set title "peak memory"
set ylabel "peak RSS (MB)"
plot datafile using 1:4 with linespoints pointtype 7 linewidth 2 linecolor 2 title "govaudit peak RSS", \
     "" using 1:4:(sprintf("%.0f MB", $4)) with labels offset 0,1 notitle

unset multiplot
