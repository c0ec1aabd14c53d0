"""The lecture's key formulas, for the Help menu.

The formulas stay as the lecture writes them; only the words around them are translated
(``formulas_html`` fills them in, in the interface language).
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_WORDS = {
    "forward": QT_TRANSLATE_NOOP("Help", "Forward propagation"),
    "loss": QT_TRANSLATE_NOOP("Help", "loss"),
    "backprop": QT_TRANSLATE_NOOP("Help", "Backpropagation"),
    "activations": QT_TRANSLATE_NOOP("Help", "Activations"),
    "training": QT_TRANSLATE_NOOP("Help", "Training"),
    "gradient": QT_TRANSLATE_NOOP("Help", "gradient"),
    "weights_only": QT_TRANSLATE_NOOP("Help", "(weights only)"),
    "biases": QT_TRANSLATE_NOOP("Help", "biases 0"),
    "schedules": QT_TRANSLATE_NOOP("Help", "Schedules:"),
    "check": QT_TRANSLATE_NOOP("Help", "Gradient check:"),
}

_TEMPLATE = """
<h3>{forward}</h3>
<p>a<sup>(k)</sup> = b<sup>(k)</sup> + W<sup>(k)</sup> h<sup>(k-1)</sup>,
&nbsp; h<sup>(k)</sup> = g(a<sup>(k)</sup>), &nbsp; h<sup>(0)</sup> = x,
&nbsp; f(x) = o(a<sup>(L+1)</sup>)</p>
<p>softmax(a)<sub>c</sub> = e<sup>a<sub>c</sub></sup> / &Sigma;<sub>c'</sub>
e<sup>a<sub>c'</sub></sup>; &nbsp; {loss} l = &minus;ln f(x)<sub>y</sub></p>
<h3>{backprop}</h3>
<p>&nabla;a<sup>(L+1)</sup> = &minus;(e(y) &minus; f(x))<br>
&nabla;W<sup>(k)</sup> = &nabla;a<sup>(k)</sup> h<sup>(k-1)T</sup>, &nbsp;
&nabla;b<sup>(k)</sup> = &nabla;a<sup>(k)</sup><br>
&nabla;h<sup>(k-1)</sup> = W<sup>(k)T</sup> &nabla;a<sup>(k)</sup>, &nbsp;
&nabla;a<sup>(k-1)</sup> = &nabla;h<sup>(k-1)</sup> &#8857; g'(a<sup>(k-1)</sup>)</p>
<h3>{activations}</h3>
<p>sigm'(a) = sigm(a)(1 &minus; sigm(a)), &nbsp; tanh'(a) = 1 &minus; tanh(a)<sup>2</sup>,
&nbsp; reclin'(a) = 1<sub>a&gt;0</sub></p>
<h3>{training}</h3>
<p>SGD: &theta; &larr; &theta; &minus; &alpha;<sub>t</sub> v, &nbsp;
v = &nabla;<sub>&theta;</sub> l + &lambda;&nabla;&Omega; + &beta; v<sub>prev</sub></p>
<p>L2: &Omega; = &Sigma; W<sup>2</sup>, {gradient} 2W; &nbsp; L1: &Omega; = &Sigma;|W|,
{gradient} sign(W) {weights_only}</p>
<p>Glorot: W ~ U[&minus;b, b], b = &radic;6 / &radic;(H<sub>k</sub> + H<sub>k-1</sub>),
{biases}</p>
<p>{schedules} &alpha;<sub>t</sub> = &alpha;/(1 + &delta;t), &nbsp;
&alpha;<sub>t</sub> = &alpha;/t<sup>&delta;</sup>, &delta; &isin; (0.5, 1]</p>
<p>{check} &part;J/&part;&theta; &asymp; (J(&theta;+&epsilon;) &minus;
J(&theta;&minus;&epsilon;)) / 2&epsilon;</p>
"""

# The English page.
FORMULAS_HTML = _TEMPLATE.format(**_WORDS)


def formulas_html() -> str:
    """The formulas page in the interface language."""
    return _TEMPLATE.format(
        **{key: QCoreApplication.translate("Help", text) for key, text in _WORDS.items()}
    )
