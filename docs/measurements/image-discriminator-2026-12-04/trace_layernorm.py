"""trace.py with D_I built with layer norm instead of batch norm (no batch statistics):
    python trace_layernorm.py METHOD STEPS EVERY"""
import runpy
from pathlib import Path
import lpaae.networks as N

built = N.ImageDiscriminator.__init__
N.ImageDiscriminator.__init__ = lambda self, net, norm="batch": built(self, net, norm="layer")
runpy.run_path(str(Path(__file__).with_name("trace.py")), run_name="__main__")
