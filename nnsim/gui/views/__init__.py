"""The views that draw the live state: data plane, plots, network diagram, neuron map."""
