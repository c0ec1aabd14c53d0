"""The training curves below the network: one module per part.

``training_plots`` (the tabs and what they show), ``history_plot`` (one plot of curves
against epoch), ``columns`` (the history as numpy columns), ``weight_heatmap`` (W^(k) as an
image), ``runs`` and ``run_overlay`` (earlier runs drawn under the current one), ``summary``
(the status bar's line).
"""
