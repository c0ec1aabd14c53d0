<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>ClusterField</name>
    <message>
        <source>empty: this computer</source>
        <translation>пусто: этот компьютер</translation>
    </message>
    <message>
        <source>Address of a Dask scheduler, e.g. tcp://lab-server:8786, to train the trials on the lab&apos;s machines (each needs nnsim and Dask: pip install nnsim[cluster]); same results as on this computer</source>
        <translation>Адрес планировщика Dask, например tcp://lab-server:8786, чтобы обучать пробы на компьютерах класса (на каждом нужны nnsim и Dask: pip install nnsim[cluster]); результаты те же, что на этом компьютере</translation>
    </message>
    <message>
        <source>Searching on a cluster needs Dask: pip install nnsim[cluster]</source>
        <translation>Для поиска на кластере нужен Dask: pip install nnsim[cluster]</translation>
    </message>
    <message>
        <source>The Dask scheduler at {address} has no workers.</source>
        <translation>У планировщика Dask по адресу {address} нет рабочих процессов.</translation>
    </message>
    <message>
        <source>Cannot reach the Dask scheduler at {address}.</source>
        <translation>Не удаётся связаться с планировщиком Dask по адресу {address}.</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../data_panel.py" line="+43"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add: click an empty spot to add a point of the current class; click a point to select it</source>
        <translation>Добавить: щелчок по пустому месту добавляет точку текущего класса; щелчок по точке выбирает её</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brush</source>
        <translation>Кисть</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Brush: drag to paint points of the current class (one undo step per stroke)</source>
        <translation>Кисть: ведите мышью, чтобы рисовать точки текущего класса (один шаг отмены на мазок)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Erase</source>
        <translation>Ластик</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase: click or drag to remove the points under the circle (one undo step per stroke)</source>
        <translation>Ластик: щелчок или протягивание удаляет точки под кругом (один шаг отмены на мазок)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select</source>
        <translation>Выбрать</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select: click a point to follow it through the network (forward and backprop step by step)</source>
        <translation>Выбрать: щёлкните точку, чтобы проследить её путь через сеть (прямой и обратный проход по шагам)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>circle</source>
        <translation>круг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xor</source>
        <translation>xor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gauss</source>
        <translation>два облака</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spiral</source>
        <translation>спираль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>moons</source>
        <translation>полумесяцы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blobs</source>
        <translation>кластеры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checkerboard</source>
        <translation>шахматная доска</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reg_plane</source>
        <translation>регрессия: плоскость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reg_gauss</source>
        <translation>регрессия: холмы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sin1d</source>
        <translation>регрессия: sin(x)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A disc of one class inside a ring of the other.</source>
        <translation>Диск одного класса внутри кольца другого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opposite quadrants share a class (exclusive or).</source>
        <translation>Противоположные квадранты одного класса (исключающее ИЛИ).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two Gaussian clouds; noise widens them.</source>
        <translation>Два гауссовых облака; шум делает их шире.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two interleaved spiral arms: needs a deep network.</source>
        <translation>Два переплетённых рукава спирали: нужна глубокая сеть.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two interleaving half circles.</source>
        <translation>Два входящих друг в друга полукруга.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>K Gaussian clouds on a circle, one class each (2 to 8 classes).</source>
        <translation>K гауссовых облаков по кругу, по одному на класс (от 2 до 8 классов).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A 4 x 4 board of alternating classes.</source>
        <translation>Доска 4 x 4 с чередующимися классами.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tilted plane: target (x1 + x2) / 10.</source>
        <translation>Наклонная плоскость: целевое значение (x1 + x2) / 10.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Six bumps of height +1 or -1.</source>
        <translation>Шесть холмов высотой +1 или -1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One input: fit sin(x) on [-6, 6].</source>
        <translation>Один вход: приблизить sin(x) на [-6, 6].</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import data from CSV</source>
        <translation>Импорт данных из CSV</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export data to CSV</source>
        <translation>Экспорт данных в CSV</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The class y that new points get (keys 1-8 on the plane)</source>
        <translation>Класс y новых точек (клавиши 1-8 на плоскости)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Classes K</source>
        <translation>Классов K</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of classes K (2..8): the softmax output f(x) has one unit per class; the output layer is reinitialized</source>
        <translation>Число классов K (2..8): у выхода softmax f(x) по одному нейрону на класс; выходной слой инициализируется заново</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Target y</source>
        <translation>Цель y</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target value y of points added by clicking (regression)</source>
        <translation>Целевое значение y точек, добавляемых щелчком (регрессия)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Generate data</source>
        <translation>Генерация данных</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw a toy data set; the same settings always give the same points</source>
        <translation>Построить учебный набор данных; одни и те же настройки всегда дают одни и те же точки</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Data set</source>
        <translation>Набор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of points n (1..{max})</source>
        <translation>Число точек n (1..{max})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>Точек</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Noise level 0..0.5: jitter of the points (label flips for some sets)</source>
        <translation>Уровень шума 0..0.5: разброс точек (для некоторых наборов — смена меток)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Noise</source>
        <translation>Шум</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed: the same seed draws the same points</source>
        <translation>Случайное зерно: одно и то же зерно даёт одни и те же точки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classes</source>
        <translation>Классов</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of classes K for &apos;blobs&apos; (2..8)</source>
        <translation>Число классов K для набора «кластеры» (2..8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Зерно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate</source>
        <translation>Сгенерировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace all points by this data set (undoable)</source>
        <translation>Заменить все точки этим набором (можно отменить)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Split</source>
        <translation>Разбиение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the points used for training, validation and testing</source>
        <translation>Доли точек для обучения, валидации и тестирования</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training set: the points the gradient descent sees</source>
        <translation>Обучающая выборка: точки, которые видит градиентный спуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation set: for early stopping and choosing hyperparameters</source>
        <translation>Валидационная выборка: для ранней остановки и выбора гиперпараметров</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test set: held out, for the final error estimate</source>
        <translation>Тестовая выборка: отложена для итоговой оценки ошибки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train</source>
        <translation>Обуч.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val</source>
        <translation>Вал.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test</source>
        <translation>Тест</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assign the points to the sets with these ratios (undoable)</source>
        <translation>Распределить точки по выборкам в этих долях (можно отменить)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-split</source>
        <translation>Заново</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw a new random assignment with a new seed (undoable)</source>
        <translation>Новое случайное разбиение с новым зерном (можно отменить)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Number of points in the training, validation and test sets</source>
        <translation>Число точек в обучающей, валидационной и тестовой выборках</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove all points (undoable)</source>
        <translation>Удалить все точки (можно отменить)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import CSV…</source>
        <translation>Импорт CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load points from a CSV file: columns x1[,x2], label or target[, split]</source>
        <translation>Загрузить точки из файла CSV: столбцы x1[,x2], метка или цель[, split]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the points, labels and split as a CSV file</source>
        <translation>Сохранить точки, метки и разбиение в файл CSV</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Discretize regions</source>
        <translation>Дискретные области</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flat class colours instead of shading by the confidence max_k f_k(x)</source>
        <translation>Сплошные цвета классов вместо оттенков по уверенности max_k f_k(x)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show test points</source>
        <translation>Показывать тестовые точки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw the test set (diamonds)</source>
        <translation>Рисовать тестовую выборку (ромбы)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight misclassified</source>
        <translation>Выделять ошибки классификации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ring the training points whose predicted class argmax_k f_k(x) is not y</source>
        <translation>Обвести обучающие точки, у которых предсказанный класс argmax_k f_k(x) не равен y</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{n} points: {train} train, {val} val, {test} test</source>
        <translation>Точек: {n} (обуч. {train}, вал. {val}, тест {test})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Class {k} (label y = {y}) for new points  [key {k}]</source>
        <translation>Класс {k} (метка y = {y}) для новых точек  [клавиша {k}]</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Set {k} classes</source>
        <translation>Число классов: {k}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Generate {name} ({n} points)</source>
        <translation>Сгенерировать {name} (точек: {n})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot generate the data</source>
        <translation>Не удалось сгенерировать данные</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The ratios add up to {sum} %; they must add up to 100 %.</source>
        <translation>Сумма долей {sum} %, а должна быть 100 %.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The training set needs some points (train &gt; 0 %).</source>
        <translation>В обучающей выборке должны быть точки (обуч. &gt; 0 %).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Re-split the data</source>
        <translation>Новое разбиение данных</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the split</source>
        <translation>Изменить разбиение</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clear the data</source>
        <translation>Очистить данные</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path}: the file has {n} input columns; the plane shows 1 (x, y curve) or 2 (x1, x2)</source>
        <translation>{path}: в файле входных столбцов: {n}; плоскость показывает 1 (кривая x, y) или 2 (x1, x2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import {name}.csv</source>
        <translation>Импорт {name}.csv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot import the CSV file</source>
        <translation>Не удалось импортировать файл CSV</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot export the CSV file</source>
        <translation>Не удалось экспортировать файл CSV</translation>
    </message>
</context>
<context>
    <name>DataPlaneView</name>
    <message>
        <location filename="../data_plane.py" line="+219"/>
        <source>Filled: training set (gradient descent sees them); ring: validation set; diamond: test set. Colour: the class y (or the target for regression).</source>
        <translation>Закрашенные: обучающая выборка (их видит градиентный спуск); кольца: валидационная; ромбы: тестовая. Цвет: класс y (или целевое значение в регрессии).</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>y (target)</source>
        <translation>y (цель)</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>train</source>
        <translation>обучение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>валидация</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>test</source>
        <translation>тест</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>misclassified</source>
        <translation>ошибки</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Add point</source>
        <translation>Добавить точку</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Brush {n} points</source>
        <translation>Кисть (точек: {n})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Erase {n} points</source>
        <translation>Стереть точки ({n})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase 1 point</source>
        <translation>Стереть 1 точку</translation>
    </message>
</context>
<context>
    <name>HistoryPlot</name>
    <message>
        <location filename="../plots.py" line="+308"/>
        <source>epoch {n}</source>
        <translation>эпоха {n}</translation>
    </message>
</context>
<context>
    <name>HyperPanel</name>
    <message>
        <location filename="../hyper_panel.py" line="+37"/>
        <source>applies on Reset</source>
        <translation>при сбросе</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning rate alpha: the step size of gradient descent.
SGD update: theta &lt;- theta - alpha_t v,  v = grad + beta v_prev
Too large: the loss jumps or diverges; too small: training crawls.
Arrows step through 1e-5, 3e-5, ..., 3, 10; type any value.</source>
        <translation>Скорость обучения alpha: размер шага градиентного спуска.
Шаг SGD: theta &lt;- theta - alpha_t v,  v = grad + beta v_prev
Слишком большая: потери скачут или расходятся; слишком малая: обучение ползёт.
Стрелки перебирают 1e-5, 3e-5, ..., 3, 10; можно ввести любое значение.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning-rate schedule alpha_t (t = epoch after the constant epochs):
{formulas}
SGD converges when sum alpha_t = infinity and sum alpha_t^2 &lt; infinity.</source>
        <translation>Расписание скорости обучения alpha_t (t = эпоха после эпох с постоянной скоростью):
{formulas}
SGD сходится, если sum alpha_t = infinity и sum alpha_t^2 &lt; infinity.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delta of the schedule: alpha/(1 + delta t) needs delta &gt;= 0,
alpha/t^delta needs 0.5 &lt; delta &lt;= 1.</source>
        <translation>delta расписания: для alpha/(1 + delta t) нужно delta &gt;= 0,
для alpha/t^delta нужно 0.5 &lt; delta &lt;= 1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Train this many epochs with the constant alpha before the schedule starts
(the lecture advises a constant rate for the first epochs).</source>
        <translation>Столько эпох обучать с постоянной alpha до начала расписания
(на лекции советуют постоянную скорость в первые эпохи).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Samples per SGD update; the gradient is the average over the mini-batch.
1 = the lecture&apos;s per-sample SGD. Full batch = every training point in one update.</source>
        <translation>Примеров на один шаг SGD; градиент усредняется по мини-пакету.
1 = SGD по одному примеру, как на лекции. Весь набор = все обучающие точки в одном шаге.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Momentum beta: v = grad + beta v_prev, theta &lt;- theta - alpha_t v
(an exponential average of previous gradients; 0 = plain SGD).</source>
        <translation>Момент beta: v = grad + beta v_prev, theta &lt;- theta - alpha_t v
(экспоненциальное среднее прошлых градиентов; 0 = обычный SGD).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regularizer lambda Omega(theta), on weights only (never biases):
  L2: lambda sum ||W||^2, gradient 2 lambda W (weights only)
  L1: lambda sum |W|, gradient lambda sign(W); weights crossing 0 are set to exactly 0</source>
        <translation>Регуляризатор lambda Omega(theta), только для весов (не для смещений):
  L2: lambda sum ||W||^2, градиент 2 lambda W (только веса)
  L1: lambda sum |W|, градиент lambda sign(W); веса, переходящие через 0, становятся ровно 0</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lambda, the strength of the regularizer: larger lambda = smaller weights,
less variance, more bias.</source>
        <translation>lambda, сила регуляризации: больше lambda = меньше веса,
меньше разброс, больше смещение.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weight initialization (biases are always 0):
  glorot: W ~ U[-b, b], b = sqrt(6)/sqrt(H_k + H_{k-1}), biases 0
  zero: every weight 0 (with tanh all gradients stay 0)
  constant: every weight the same value (symmetry: a layer&apos;s neurons stay identical)
Changing it only matters on the next Reset.</source>
        <translation>Инициализация весов (смещения всегда 0):
  glorot: W ~ U[-b, b], b = sqrt(6)/sqrt(H_k + H_{k-1}), смещения 0
  zero: все веса 0 (с tanh все градиенты остаются 0)
  constant: все веса одинаковы (симметрия: нейроны слоя остаются одинаковыми)
Изменение действует только при следующем сбросе весов.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The value of every weight for constant initialization.
Changing it only matters on the next Reset.</source>
        <translation>Значение всех весов при инициализации константой.
Изменение действует только при следующем сбросе весов.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Random seed of the initialization and of the shuffling of each epoch.
Changing it only matters on the next Reset.</source>
        <translation>Случайное зерно инициализации и перемешивания в каждой эпохе.
Изменение действует только при следующем сбросе весов.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training stops after this many epochs.</source>
        <translation>Обучение останавливается после этого числа эпох.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training stops when the training loss falls below this value (0 = off).</source>
        <translation>Обучение останавливается, когда потери на обучении опускаются ниже этого значения (0 = выкл.).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop when the validation error has not improved for &apos;patience&apos; epochs,
and restore the weights of the best epoch.</source>
        <translation>Остановить, если ошибка на валидации не улучшалась «терпение» эпох,
и вернуть веса лучшей эпохи.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Epochs without a better validation error before early stopping.</source>
        <translation>Эпох без улучшения ошибки на валидации до ранней остановки.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unchecked: the biases b^(k) stay fixed (only the weights W^(k) learn).</source>
        <translation>Если снято: смещения b^(k) не меняются (обучаются только веса W^(k)).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number precision: float64 (hand calculations match exactly) or float32 (faster).
The network is rebuilt in this precision when training continues; Reset for a fresh start.</source>
        <translation>Разрядность чисел: float64 (ручные расчёты совпадают точно) или float32 (быстрее).
Сеть перестраивается в этой разрядности при продолжении обучения; сбросьте веса, чтобы начать заново.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>learning rate</source>
        <translation>скорость обучения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schedule</source>
        <translation>расписание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decay</source>
        <translation>затухание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant epochs</source>
        <translation>эпох с пост. α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch size</source>
        <translation>размер пакета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum</source>
        <translation>момент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regularization</source>
        <translation>регуляризация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lambda</source>
        <translation>λ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initialization</source>
        <translation>инициализация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initial constant</source>
        <translation>значение константы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed</source>
        <translation>зерно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max epochs</source>
        <translation>макс. эпох</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target loss</source>
        <translation>целевые потери</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>early stopping</source>
        <translation>ранняя остановка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patience</source>
        <translation>терпение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train biases</source>
        <translation>обучать смещения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>precision</source>
        <translation>разрядность</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>constant: α</source>
        <translation>постоянная: α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inverse: α / (1 + δ t)</source>
        <translation>обратная: α / (1 + δ t)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>power: α / t^δ</source>
        <translation>степенная: α / t^δ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>full batch</source>
        <translation>весь набор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every training point in one update (batch gradient descent)</source>
        <translation>Все обучающие точки в одном шаге (пакетный градиентный спуск)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Glorot uniform</source>
        <translation>Глоро, равном.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zero</source>
        <translation>нули</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant</source>
        <translation>константа</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop when validation error stalls</source>
        <translation>стоп при застое валидации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>biases b^(k) learn</source>
        <translation>смещения b^(k) обучаются</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gradient descent</source>
        <translation>Градиентный спуск</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Regularization</source>
        <translation>Регуляризация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialization</source>
        <translation>Инициализация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping</source>
        <translation>Остановка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate α</source>
        <translation>Скорость обучения α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay δ</source>
        <translation>Затухание δ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum β</source>
        <translation>Момент β</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Constant value</source>
        <translation>Константа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>Разрядность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Biases</source>
        <translation>Смещения</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The weights are initialized when you press Reset (or make a new network)</source>
        <translation>Веса инициализируются при сбросе весов (или при создании новой сети)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Change {what}</source>
        <translation>Изменить: {what}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{what}: {message} (the project keeps {kept})</source>
        <translation>{what}: {message} (в проекте остаётся {kept})</translation>
    </message>
</context>
<context>
    <name>NetworkEditor</name>
    <message>
        <location filename="../network_editor.py" line="+38"/>
        <source>cross-entropy (-ln f(x)_y)</source>
        <translation>кросс-энтропия (-ln f(x)_y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binary cross-entropy</source>
        <translation>бинарная кросс-энтропия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squared error (1/2 (f(x) - y)^2)</source>
        <translation>квадр. ошибка (1/2 (f(x) - y)^2)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Output f(x) = o(a^(L+1)) with {o}
Loss {loss}</source>
        <translation>Выход f(x) = o(a^(L+1)), где {o}
Функция потерь {loss}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Layer {k}</source>
        <translation>Слой {k}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>H_{k} = {width}: the rows of W^({k}) and the columns of W^({k1})</source>
        <translation>H_{k} = {width}: строки W^({k}) и столбцы W^({k1})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the last neuron of layer {k} (its row of W^({k}) and column of W^({k1}))</source>
        <translation>Удалить последний нейрон слоя {k} (его строку W^({k}) и столбец W^({k1}))</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A layer needs at least one neuron; remove the layer instead</source>
        <translation>В слое должен быть хотя бы один нейрон; удалите слой целиком</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a neuron to layer {k}: a fresh row of W^({k}), a zero column of W^({k1}) (the network&apos;s output does not change)</source>
        <translation>Добавить нейрон в слой {k}: новая строка W^({k}), нулевой столбец W^({k1}) (выход сети не меняется)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A layer holds at most {max} neurons</source>
        <translation>В слое не больше {max} нейронов</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Activation of layer {k}: h^({k}) = g(a^({k}))</source>
        <translation>Функция активации слоя {k}: h^({k}) = g(a^({k}))</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Output</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input features h^(0)</source>
        <translation>Входные признаки h^(0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the network sees of each point: x is fed in as h^(0)</source>
        <translation>Что сеть видит в каждой точке: x подаётся как h^(0)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why the last network edit was refused</source>
        <translation>Почему последнее изменение сети отклонено</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>1 neuron</source>
        <translation>1 нейрон</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} neurons</source>
        <translation>нейронов: {n}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hidden layers: {n}</source>
        <translation>Скрытых слоёв: {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L, the number of hidden layers (0 = no hidden layer)</source>
        <translation>L, число скрытых слоёв (0 = без скрытого слоя)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove hidden layer {n} (the last one)</source>
        <translation>Удалить скрытый слой {n} (последний)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no hidden layer to remove</source>
        <translation>Нет скрытого слоя для удаления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add hidden layer {n} at the end (4 neurons, fresh weights)</source>
        <translation>Добавить скрытый слой {n} в конец (4 нейрона, новые веса)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most {max} hidden layers</source>
        <translation>Не больше {max} скрытых слоёв</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Output activation and loss</source>
        <translation>Выходная активация и функция потерь</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>At least one input feature must stay checked</source>
        <translation>Хотя бы один входной признак должен остаться выбранным</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Feed {name} to the network as an input (W^(1) is re-initialized)</source>
        <translation>Подавать {name} на вход сети (W^(1) инициализируется заново)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Add hidden layer {n}</source>
        <translation>Добавить скрытый слой {n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove hidden layer {n}</source>
        <translation>Удалить скрытый слой {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add neuron to layer {k}</source>
        <translation>Добавить нейрон в слой {k}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove neuron from layer {k}</source>
        <translation>Удалить нейрон из слоя {k}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change activation of layer {k} to {name}</source>
        <translation>Активация слоя {k}: {name}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use {output}</source>
        <translation>Выход: {output}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>At least one input feature must stay checked.</source>
        <translation>Хотя бы один входной признак должен остаться выбранным.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add input feature {name}</source>
        <translation>Добавить входной признак {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove input feature {name}</source>
        <translation>Убрать входной признак {name}</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../network_view.py" line="+260"/>
        <source>+{n} more</source>
        <translation>ещё {n}</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>P(class 2)</source>
        <translation>P(класс 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class {c}</source>
        <translation>класс {c}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Input</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output · {name}</source>
        <translation>Выход · {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden {k} · {activation} · {size}</source>
        <translation>Скрытый {k} · {activation} · {size}</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>(from {src} to {dst})</source>
        <translation>(от {src} к {dst})</translation>
    </message>
</context>
<context>
    <name>NeuronMapView</name>
    <message>
        <location filename="../neuron_map.py" line="+38"/>
        <source>train</source>
        <translation>обуч.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>вал.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test</source>
        <translation>тест</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>class {c}</source>
        <translation>класс {c}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>selected point</source>
        <translation>выбранная точка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first training point</source>
        <translation>первая обучающая точка</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no data points to evaluate</source>
        <translation>нет точек данных для расчёта</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Colour scale of h: blue negative, white 0, orange positive</source>
        <translation>Цветовая шкала h: синий — отрицательные, белый — 0, оранжевый — положительные</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The data point the maths below is written for</source>
        <translation>Точка данных, для которой записан расчёт ниже</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training points (one symbol per class)</source>
        <translation>Обучающие точки (свой символ для каждого класса)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Activation map: the neuron&apos;s output h = g(a) at every point of the data plane</source>
        <translation>Карта активации: выход нейрона h = g(a) в каждой точке плоскости данных</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The forward pass of this neuron for one data point: a = b + sum_j w_ij h_j, h = g(a). Select a point on the data plane to change it.</source>
        <translation>Прямой проход этого нейрона для одной точки: a = b + sum_j w_ij h_j, h = g(a). Выберите другую точку на плоскости данных, чтобы сменить её.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Click a neuron in the network
to see its activation map</source>
        <translation>Щёлкните нейрон в сети,
чтобы увидеть его карту активации</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(input feature)</source>
        <translation>(входной признак)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[neuron {id}]</source>
        <translation>[нейрон {id}]</translation>
    </message>
</context>
<context>
    <name>ResultsPlot</name>
    <message>
        <location filename="../search_results.py" line="+36"/>
        <source>learning rate α</source>
        <translation>скорость обучения α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden sizes</source>
        <translation>скрытые слои</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>momentum β</source>
        <translation>момент β</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch size</source>
        <translation>размер пакета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schedule</source>
        <translation>расписание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epochs</source>
        <translation>эпох</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lr</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hidden</source>
        <translation>скрытые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch</source>
        <translation>пакет</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The parameter on the horizontal axis</source>
        <translation>Параметр по горизонтальной оси</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A second parameter: a heatmap of the lowest validation error for each pair</source>
        <translation>Второй параметр: тепловая карта наименьшей ошибки на валидации для каждой пары</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plot against</source>
        <translation>График по</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and</source>
        <translation>и</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>error (%)</source>
        <translation>ошибка (%)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>training error</source>
        <translation>ошибка на обучении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation error</source>
        <translation>ошибка на валидации</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>chosen</source>
        <translation>выбрано</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>validation error (%)</source>
        <translation>ошибка на валидации (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation MSE</source>
        <translation>MSE на валидации</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <location line="-251"/>
        <source>Every configuration tried; click a column header to sort. The chosen one (lowest validation error, ties by validation loss) is bold.</source>
        <translation>Все испробованные конфигурации; щёлкните заголовок столбца для сортировки. Выбранная (наименьшая ошибка на валидации, при равенстве — по потерям на валидации) выделена жирным.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>trial</source>
        <translation>проба</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation error</source>
        <translation>ошибка на валидации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>потери на валидации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training error</source>
        <translation>ошибка на обучении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epochs</source>
        <translation>эпох</translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message>
        <location filename="../runs.py" line="+34"/>
        <source>lr</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch</source>
        <translation>пакет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>penalty</source>
        <translation>штраф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schedule</source>
        <translation>расписание</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>init</source>
        <translation>иниц.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed</source>
        <translation>зерно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epochs</source>
        <translation>эпох</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>early stopping</source>
        <translation>ранняя остановка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>constant epochs</source>
        <translation>эпохи без расписания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train biases</source>
        <translation>обучать смещения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>init constant</source>
        <translation>конст. иниц.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patience</source>
        <translation>терпение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target loss</source>
        <translation>целевые потери</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hidden {a} → {b}</source>
        <translation>скрытые {a} → {b}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>inputs {a} → {b}</source>
        <translation>входы {a} → {b}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>same settings</source>
        <translation>те же настройки</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>settings of the next run not known yet</source>
        <translation>настройки следующего запуска пока неизвестны</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run {n}</source>
        <translation>запуск {n}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Earlier runs</source>
        <translation>Прошлые запуски</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Curves of earlier runs of this project, dashed (validation) and dotted (training), named by what changed for the next run</source>
        <translation>Кривые прошлых запусков этого проекта, штриховые (валидация) и пунктирные (обучение), подписаны тем, что изменилось к следующему запуску</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Uncheck a run to hide its curves</source>
        <translation>Снимите флажок, чтобы скрыть кривые запуска</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dashed: validation
dotted: training</source>
        <translation>штрихи: валидация
точки: обучение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear runs</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget the earlier runs (the current run stays)</source>
        <translation>Забыть прошлые запуски (текущий останется)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Run {n}: {epochs} epochs, network {sizes}; {name}</source>
        <translation>Запуск {n}: эпох {epochs}, сеть {sizes}; {name}</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Cluster</source>
        <translation>Кластер</translation>
    </message>
    <message>
        <source>The search stopped: {error}</source>
        <translation>Поиск прерван: {error}</translation>
    </message>
    <message>
        <location filename="../search_dialog.py" line="+68"/>
        <source>Learning rate alpha in theta &lt;- theta - alpha grad. Random search draws it log-uniformly (the lecture: search it on a log scale).</source>
        <translation>Скорость обучения alpha в theta &lt;- theta - alpha grad. Случайный поиск берёт её лог-равномерно (лекция: искать в логарифмической шкале).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hidden layer widths H_1..H_L: layers separated by &apos;;&apos;, widths within a network by &apos;,&apos; (&quot;4; 8; 8,8&quot;: one layer of 4, one of 8, two of 8).</source>
        <translation>Ширины скрытых слоёв H_1..H_L: варианты разделяются &apos;;&apos;, слои одной сети — &apos;,&apos; (&quot;4; 8; 8,8&quot;: один слой из 4, один из 8, два по 8).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lambda of the penalty lambda Omega(theta) on the weights: L2 lambda ||W||^2 or L1 lambda sum|W|. Random search draws it log-uniformly.</source>
        <translation>lambda штрафа lambda Omega(theta) на веса: L2 lambda ||W||^2 или L1 lambda sum|W|. Случайный поиск берёт её лог-равномерно.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>beta in v = grad + beta v_prev (0 = plain SGD).</source>
        <translation>beta в v = grad + beta v_prev (0 = обычный SGD).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Samples per SGD update (1 = per-sample SGD).</source>
        <translation>Примеров на один шаг SGD (1 = SGD по одному примеру).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning-rate schedule: constant alpha, alpha/(1 + delta t) or alpha/t^delta (delta from the Training panel).</source>
        <translation>Расписание скорости обучения: постоянная alpha, alpha/(1 + delta t) или alpha/t^delta (delta с панели «Обучение»).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many epochs each configuration trains.</source>
        <translation>Сколько эпох обучается каждая конфигурация.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every configuration is trained on the training set and judged by its validation error. The test set is not used while searching: only the chosen model is tested, once.</source>
        <translation>Каждая конфигурация обучается на обучающей выборке и оценивается по ошибке на валидации. Тестовая выборка при поиске не используется: тестируется только выбранная модель, один раз.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>values separated by commas</source>
        <translation>значения через запятую</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>log-uniform</source>
        <translation>лог-равномерно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>uniform</source>
        <translation>равномерно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a range LOW : HIGH ({scale}), or a list to pick from</source>
        <translation>диапазон ОТ : ДО ({scale}) или список для выбора</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list to pick from</source>
        <translation>список для выбора</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hyperparameter search</source>
        <translation>Поиск гиперпараметров</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Grid search</source>
        <translation>Поиск по сетке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train every combination of the listed values</source>
        <translation>Обучить все сочетания перечисленных значений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random search</source>
        <translation>Случайный поиск</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train N configurations drawn at random from the ranges (often finds good values with fewer trials than a grid when only some parameters matter)</source>
        <translation>Обучить N конфигураций, случайно выбранных из диапазонов (часто находит хорошие значения за меньшее число проб, чем сетка, когда важны лишь некоторые параметры)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Random search: how many configurations to draw</source>
        <translation>Случайный поиск: сколько конфигураций выбрать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random search: the seed of the draws (same seed, same trials)</source>
        <translation>Случайный поиск: зерно выбора (то же зерно — те же пробы)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Processes training in parallel (one per core)</source>
        <translation>Процессов, обучающих параллельно (по одному на ядро)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Which penalty lambda belongs to: L2 lambda ||W||^2 or L1 lambda sum|W|</source>
        <translation>К какому штрафу относится lambda: L2 lambda ||W||^2 или L1 lambda sum|W|</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train every configuration (on all cores)</source>
        <translation>Обучить все конфигурации (на всех ядрах)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the trials that are running now</source>
        <translation>Остановить после проб, которые идут сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply best</source>
        <translation>Применить лучшее</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load the chosen configuration and its trained weights into the project (undoable)</source>
        <translation>Загрузить выбранную конфигурацию и её обученные веса в проект (можно отменить)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%v of %m trials</source>
        <translation>%v из %m проб</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choosing by the test error would make it an optimistic estimate: the test set is kept for one final, honest measurement.</source>
        <translation>Выбор по ошибке на тесте сделал бы её оптимистичной оценкой: тестовая выборка бережётся для одного итогового честного измерения.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>What to try</source>
        <translation>Что перебирать</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trials</source>
        <translation>Проб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>Зерно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processes</source>
        <translation>Процессов</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Starting the worker processes…</source>
        <translation>Запуск рабочих процессов…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling after the running trials…</source>
        <translation>Отмена после текущих проб…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>about {s} s left</source>
        <translation>осталось около {s} с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {m} min left</source>
        <translation>осталось около {m} мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{done} of {total} trials · {when}</source>
        <translation>{done} из {total} проб · {when}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{stopped}: {done} of {total} trials in {seconds} s</source>
        <translation>{stopped}: {done} из {total} проб за {seconds} с</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Chosen by validation error: {config}.</source>
        <translation>Выбрано по ошибке на валидации: {config}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project has no test points, so there is no test error.</source>
        <translation>В проекте нет тестовых точек, поэтому ошибки на тесте нет.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The test set was used once, for the chosen model: test error {err} ({n} points).</source>
        <translation>Тестовая выборка использована один раз, для выбранной модели: ошибка на тесте {err} (точек: {n}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Apply best search result</source>
        <translation>Применить лучший результат поиска</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search cancelled: another project was opened.</source>
        <translation>Поиск отменён: открыт другой проект.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../plots.py" line="-257"/>
        <source>layer {k} (output)</source>
        <translation>слой {k} (выход)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer {k}</source>
        <translation>слой {k}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Epoch 0 · not trained yet</source>
        <translation>Эпоха 0 · ещё не обучена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epoch {epoch} · loss {loss} / val {val}</source>
        <translation>Эпоха {epoch} · потери {loss} / вал. {val}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · val error {err}</source>
        <translation> · ошибка вал. {err}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · val MSE {mse}</source>
        <translation> · MSE вал. {mse}</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>epoch</source>
        <translation>эпоха</translation>
    </message>
    <message>
        <location line="+286"/>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss</source>
        <translation>потери на обучении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>потери на валидации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log scale</source>
        <translation>логарифмическая шкала</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the loss on a logarithmic axis (late progress visible)</source>
        <translation>Показывать потери в логарифмической шкале (видно и позднее улучшение)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss</source>
        <translation>Потери</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean loss l(f(x), y) on the training and validation sets</source>
        <translation>Средние потери l(f(x), y) на обучающей и валидационной выборках</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <source>training error</source>
        <translation>ошибка на обучении</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+154"/>
        <source>validation error</source>
        <translation>ошибка на валидации</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>validation accuracy</source>
        <translation>точность на валидации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Classification: error rate in % (accuracy = 100 % - error); regression: MSE</source>
        <translation>Классификация: доля ошибок в % (точность = 100 % - ошибка); регрессия: MSE</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Weights</source>
        <translation>Веса</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>W^(k) now, and its Frobenius norm ||W^(k)||_F per epoch</source>
        <translation>W^(k) сейчас и её норма Фробениуса ||W^(k)||_F по эпохам</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gradients</source>
        <translation>Градиенты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient norm ||grad W^(k)||_F per layer on the training set (log axis): with many layers the first ones get much smaller gradients (vanishing gradient)</source>
        <translation>Норма градиента ||grad W^(k)||_F по слоям на обучающей выборке (лог. шкала): при многих слоях первые получают намного меньшие градиенты (затухание градиента)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>learning rate αₜ</source>
        <translation>скорость обучения αₜ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SGD converges if sum alpha_t = infinity and sum alpha_t^2 &lt; infinity</source>
        <translation>SGD сходится, если sum alpha_t = infinity и sum alpha_t^2 &lt; infinity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate alpha_t of each epoch (the schedule)</source>
        <translation>Скорость обучения alpha_t в каждой эпохе (расписание)</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>error rate, accuracy (%)</source>
        <translation>ошибка, точность (%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>training MSE</source>
        <translation>MSE на обучении</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>validation MSE</source>
        <translation>MSE на валидации</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Schedule: {formula}</source>
        <translation>Расписание: {formula}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, constant for the first {n} epochs</source>
        <translation>, постоянная первые {n} эпох</translation>
    </message>
</context>
<context>
    <name>WeightHeatmap</name>
    <message>
        <location line="-300"/>
        <source>Which weight matrix W^(k) to show: a^(k) = b^(k) + W^(k) h^(k-1), W^(k) has shape (H_k, H_(k-1))</source>
        <translation>Какую матрицу весов W^(k) показать: a^(k) = b^(k) + W^(k) h^(k-1), размер W^(k) — (H_k, H_(k-1))</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weights of</source>
        <translation>Веса:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Orange: positive weight, blue: negative, white: 0</source>
        <translation>Оранжевый: положительный вес, синий: отрицательный, белый: 0</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>input j</source>
        <translation>вход j</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>neuron i</source>
        <translation>нейрон i</translation>
    </message>
</context>
</TS>
