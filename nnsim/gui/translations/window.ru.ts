<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>Autosave</name>
    <message>
        <source>Restore unsaved work</source>
        <translation>Восстановить несохранённую работу</translation>
    </message>
    <message>
        <source>nnsim did not close properly. Unsaved work on “{name}” was kept at {when}.

Restore it?</source>
        <translation>nnsim завершилась некорректно. Несохранённая работа над «{name}» сохранена в {when}.

Восстановить её?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Без имени</translation>
    </message>
</context>
<context>
    <name>LessonLock</name>
    <message>
        <source>Locked by the teacher for this lesson: nothing was changed.</source>
        <translation>Заблокировано учителем для этого урока: ничего не изменено.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide this message</source>
        <translation>Скрыть это сообщение</translation>
    </message>
</context>
<context>
    <name>ExampleCard</name>
    <message>
        <source>Open the example “{0}”</source>
        <translation>Открыть пример «{0}»</translation>
    </message>
</context>
<context>
    <name>ExportAction</name>
    <message>
        <source>PyTorch script (*.py)</source>
        <translation>Скрипт PyTorch (*.py)</translation>
    </message>
    <message>
        <source>NumPy arrays with a JSON description (*.npz)</source>
        <translation>Массивы NumPy с описанием в JSON (*.npz)</translation>
    </message>
    <message>
        <source>Export the network</source>
        <translation>Экспорт сети</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>Save the trained network as a PyTorch script (with its data and the same training) or as numpy arrays with a JSON description, for use outside nnsim</source>
        <translation>Сохранить обученную сеть как скрипт PyTorch (с данными и тем же обучением) или как массивы numpy с описанием в JSON, чтобы работать с ней вне nnsim</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Не удалось экспортировать</translation>
    </message>
    <message>
        <source>Exported {files}</source>
        <translation>Экспортировано: {files}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>File changed on disk</source>
        <translation>Файл изменён на диске</translation>
    </message>
    <message>
        <source>“{name}” was changed by another program since you opened it.</source>
        <translation>Файл «{name}» изменила другая программа после того, как вы его открыли.</translation>
    </message>
    <message>
        <source>Saving now would overwrite those changes.</source>
        <translation>Если сохранить сейчас, эти изменения пропадут.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Загрузить заново</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Перезаписать</translation>
    </message>
    <message>
        <source>nnsim projects (*.json);;All files (*)</source>
        <translation>Проекты nnsim (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Открыть проект</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Сохранить проект как</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>“{name}” has unsaved changes.</source>
        <translation>В «{name}» есть несохранённые изменения.</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Без названия</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Не удалось открыть проект</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Не удалось сохранить проект</translation>
    </message>
</context>
<context>
    <name>GradientCheckView</name>
    <message>
        <source>Run gradient check</source>
        <translation>Проверить градиент</translation>
    </message>
    <message>
        <source>Compare backprop with central differences dJ/dtheta ~ (J(theta + eps) - J(theta - eps)) / (2 eps), eps = 1e-5</source>
        <translation>Сравнить обратное распространение с центральными разностями dJ/dtheta ~ (J(theta + eps) - J(theta - eps)) / (2 eps), eps = 1e-5</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>параметр</translation>
    </message>
    <message>
        <source>backprop</source>
        <translation>обратное распр.</translation>
    </message>
    <message>
        <source>central difference</source>
        <translation>центральная разность</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>относительная ошибка</translation>
    </message>
    <message>
        <source>Per entry: the backprop gradient, the central difference and |g_bp - g_fd| / (|g_bp| + |g_fd|) (below 1e-7 is a correct gradient)</source>
        <translation>Для каждого элемента: градиент обратного распространения, центральная разность и |g_bp - g_fd| / (|g_bp| + |g_fd|) (меньше 1e-7 — градиент верен)</translation>
    </message>
    <message>
        <source>{n} parameters: press the button to run the check.</source>
        <translation>Параметров: {n}. Нажмите кнопку, чтобы запустить проверку.</translation>
    </message>
    <message>
        <source>sample #{index}</source>
        <translation>примере №{index}</translation>
    </message>
    <message>
        <source>the mini-batch of {n}</source>
        <translation>мини-пакете из {n}</translation>
    </message>
    <message>
        <source>backprop agrees</source>
        <translation>обратное распространение верно</translation>
    </message>
    <message>
        <source>CHECK FAILED</source>
        <translation>ПРОВЕРКА НЕ ПРОЙДЕНА</translation>
    </message>
    <message>
        <source>Gradient check on {who} (weights before the update), central differences eps = 1e-5. Relative error per tensor: {parts}. {verdict}.</source>
        <translation>Проверка градиента на {who} (веса до обновления), центральные разности, eps = 1e-5. Относительная ошибка по тензорам: {parts}. Итог: {verdict}.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Forward propagation</source>
        <translation>Прямое распространение</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>функция потерь</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>Обратное распространение ошибки</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Функции активации</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>градиент</translation>
    </message>
    <message>
        <source>(weights only)</source>
        <translation>(только для весов)</translation>
    </message>
    <message>
        <source>biases 0</source>
        <translation>смещения 0</translation>
    </message>
    <message>
        <source>Schedules:</source>
        <translation>Расписания:</translation>
    </message>
    <message>
        <source>Gradient check:</source>
        <translation>Проверка градиента:</translation>
    </message>
</context>
<context>
    <name>LedgerRow</name>
    <message>
        <source>learning rate {formula}</source>
        <translation>скорость обучения {formula}</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>момент</translation>
    </message>
    <message>
        <source>{kind} regularization</source>
        <translation>регуляризация {kind}</translation>
    </message>
    <message>
        <source>samples in the mini-batch</source>
        <translation>примеров в мини-пакете</translation>
    </message>
    <message>
        <source>biases</source>
        <translation>смещения</translation>
    </message>
    <message>
        <source>frozen (train_biases off): not updated</source>
        <translation>заморожены (train_biases выкл.): не обновляются</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>функция потерь</translation>
    </message>
    <message>
        <source>{quantity} (sample #{index})</source>
        <translation>{quantity} (пример №{index})</translation>
    </message>
    <message>
        <source>{formula} (frozen: train_biases off)</source>
        <translation>{formula} (заморожено: train_biases выкл.)</translation>
    </message>
    <message>
        <source>{value}  (L1: crossed zero, set to 0)</source>
        <translation>{value}  (L1: переход через ноль, обнулено)</translation>
    </message>
    <message>
        <source>loss on this sample, before</source>
        <translation>потери на этом примере, до</translation>
    </message>
    <message>
        <source>loss on this sample, after</source>
        <translation>потери на этом примере, после</translation>
    </message>
    <message>
        <source>loss on the mini-batch, before</source>
        <translation>потери на мини-пакете, до</translation>
    </message>
    <message>
        <source>loss on the mini-batch, after</source>
        <translation>потери на мини-пакете, после</translation>
    </message>
    <message>
        <source>training-set loss, before</source>
        <translation>потери на обучающей выборке, до</translation>
    </message>
    <message>
        <source>training-set loss, after</source>
        <translation>потери на обучающей выборке, после</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <source>Filter: h^(2)_3, W^(1), layer 2 ...</source>
        <translation>Фильтр: h^(2)_3, W^(1), layer 2 ...</translation>
    </message>
    <message>
        <source>Show only the rows about a neuron or quantity (h^(2)_3, grad W^(1)_12) or a layer (2 or &apos;layer 2&apos;)</source>
        <translation>Показать только строки о нейроне или величине (h^(2)_3, grad W^(1)_12) или о слое (2 или &apos;layer 2&apos;)</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>величина</translation>
    </message>
    <message>
        <source>formula</source>
        <translation>формула</translation>
    </message>
    <message>
        <source>value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>Every number of this stage with the formula substituted</source>
        <translation>Все числа этого этапа с подставленными в формулу значениями</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the rows shown, one 'quantity = formula = value' per line</source>
        <translation>Скопировать показанные строки, по одной «величина = формула = значение» в строке</translation>
    </message>
</context>
<context>
    <name>LessonDialog</name>
    <message>
        <source>Lesson settings</source>
        <translation>Настройки занятия</translation>
    </message>
    <message>
        <source>Choose what students may change in this project. The settings are saved in the project file; they apply whenever teacher mode is off.</source>
        <translation>Выберите, что студенты могут менять в этом проекте. Настройки сохраняются в файле проекта и действуют, когда режим преподавателя выключен.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Part of the window&lt;/b&gt;</source>
        <translation>&lt;b&gt;Часть окна&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Locked&lt;/b&gt;</source>
        <translation>&lt;b&gt;Заблокировано&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hidden&lt;/b&gt;</source>
        <translation>&lt;b&gt;Скрыто&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Students see “{0}” but cannot change it</source>
        <translation>Студенты видят «{0}», но не могут менять</translation>
    </message>
    <message>
        <source>Lock {0}</source>
        <translation>Заблокировать: {0}</translation>
    </message>
    <message>
        <source>Students do not see “{0}”</source>
        <translation>Студенты не видят «{0}»</translation>
    </message>
    <message>
        <source>Hide {0}</source>
        <translation>Скрыть: {0}</translation>
    </message>
    <message>
        <source>Note shown when the project opens:</source>
        <translation>Заметка, которая показывается при открытии проекта:</translation>
    </message>
    <message>
        <source>For example: Today: why does one neuron fail on XOR? Press Play.</source>
        <translation>Например: Сегодня: почему один нейрон не справляется с XOR? Нажмите «Пуск».</translation>
    </message>
    <message>
        <source>Students read this note above the plots</source>
        <translation>Студенты видят эту заметку над графиками</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pausing…</source>
        <translation>Приостановка…</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Сеть</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>Нейрон</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Новый</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Новый проект</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Открыть файл проекта</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <source>Save under a new name</source>
        <translation>Сохранить под новым именем</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Пуск</translation>
    </message>
    <message>
        <source>Play / pause training (Space): SGD updates theta &lt;- theta - alpha_t v</source>
        <translation>Запустить / приостановить обучение (Пробел): SGD обновляет theta &lt;- theta - alpha_t v</translation>
    </message>
    <message>
        <source>Step one &amp;sample</source>
        <translation>Шаг: &amp;пример</translation>
    </message>
    <message>
        <source>One SGD update on the next single training sample (Ctrl+1)</source>
        <translation>Одно обновление SGD на следующем обучающем примере (Ctrl+1)</translation>
    </message>
    <message>
        <source>Step one &amp;mini-batch</source>
        <translation>Шаг: &amp;мини-пакет</translation>
    </message>
    <message>
        <source>One SGD update on the next mini-batch: the gradient is the batch average (Ctrl+2)</source>
        <translation>Одно обновление SGD на следующем мини-пакете: градиент усредняется по пакету (Ctrl+2)</translation>
    </message>
    <message>
        <source>Step one &amp;epoch</source>
        <translation>Шаг: &amp;эпоха</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch: one pass over the training set (Ctrl+3)</source>
        <translation>Обучать до конца текущей эпохи: один проход по обучающей выборке (Ctrl+3)</translation>
    </message>
    <message>
        <source>&amp;Reset weights</source>
        <translation>С&amp;бросить веса</translation>
    </message>
    <message>
        <source>Re-initialize the weights with the seed (biases 0) and clear the history (Ctrl+R)</source>
        <translation>Заново инициализировать веса с тем же зерном (смещения 0) и очистить историю (Ctrl+R)</translation>
    </message>
    <message>
        <source>Hyperparameter &amp;search…</source>
        <translation>&amp;Поиск гиперпараметров…</translation>
    </message>
    <message>
        <source>Grid or random search over learning rate, hidden sizes, lambda, momentum, batch size, schedule and epochs, chosen by validation error (the test set is used once)</source>
        <translation>Поиск по сетке или случайный поиск по скорости обучения, размерам скрытых слоёв, lambda, моменту, размеру пакета, расписанию и числу эпох; выбор по ошибке на валидации (тестовая выборка используется один раз)</translation>
    </message>
    <message>
        <source>&amp;Capacity sweep…</source>
        <translation>&amp;Перебор ёмкости модели…</translation>
    </message>
    <message>
        <source>Train and validation error against the number of hidden units 1..32: underfitting to overfitting</source>
        <translation>Ошибка на обучении и на валидации в зависимости от числа скрытых нейронов 1..32: от недообучения к переобучению</translation>
    </message>
    <message>
        <source>&amp;Backprop step by step…</source>
        <translation>Обратное распространение по &amp;шагам…</translation>
    </message>
    <message>
        <source>Walk through one SGD update on a chosen point, number by number (Ctrl+B)</source>
        <translation>Пройти одно обновление SGD на выбранной точке, число за числом (Ctrl+B)</translation>
    </message>
    <message>
        <source>Backprop step by step</source>
        <translation>Backprop по шагам</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние проекты</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>&amp;Примеры</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Lecture &amp;formulas</source>
        <translation>&amp;Формулы лекции</translation>
    </message>
    <message>
        <source>&amp;About nnsim</source>
        <translation>&amp;О программе nnsim</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>The language changes when nnsim starts again.</source>
        <translation>Язык сменится при следующем запуске nnsim.</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> Скорость </translation>
    </message>
    <message>
        <source>How fast training runs: slow speeds let you watch single updates</source>
        <translation>Скорость обучения в реальном времени: на медленных скоростях видно каждое обновление</translation>
    </message>
    <message>
        <source>Completed epochs (passes over the training set)</source>
        <translation>Завершённые эпохи (проходы по обучающей выборке)</translation>
    </message>
    <message>
        <source>{name}[*] — nnsim</source>
        <translation>{name}[*] — nnsim</translation>
    </message>
    <message>
        <source> Epoch {n} </source>
        <translation> Эпоха {n} </translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>П&amp;ауза</translation>
    </message>
    <message>
        <source>Backpropagation step by step — nnsim</source>
        <translation>Обратное распространение по шагам — nnsim</translation>
    </message>
    <message>
        <source>Lecture formulas</source>
        <translation>Формулы лекции</translation>
    </message>
    <message>
        <source>About nnsim</source>
        <translation>О программе nnsim</translation>
    </message>
    <message>
        <source>&lt;b&gt;nnsim {version}&lt;/b&gt;&lt;br&gt;A neural-network simulator for the classroom.</source>
        <translation>&lt;b&gt;nnsim {version}&lt;/b&gt;&lt;br&gt;Симулятор нейронных сетей для учебных занятий.</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Larger fonts and thicker lines for a projector (F5)</source>
        <translation>Крупный шрифт и толстые линии для проектора (F5)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Что делает</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Sample {s} of {n} (#{index}): </source>
        <translation>Пример {s} из {n} (№{index}): </translation>
    </message>
    <message>
        <source>Setup: sample #{index}, the current parameters</source>
        <translation>Подготовка: пример №{index}, текущие параметры</translation>
    </message>
    <message>
        <source>Setup: {n} samples, the current parameters</source>
        <translation>Подготовка: примеров — {n}, текущие параметры</translation>
    </message>
    <message>
        <source>Forward, layer {k}: pre-activation a^({k})</source>
        <translation>Прямой проход, слой {k}: предактивация a^({k})</translation>
    </message>
    <message>
        <source>Forward, output layer {k}: f(x) = o(a^({k}))</source>
        <translation>Прямой проход, выходной слой {k}: f(x) = o(a^({k}))</translation>
    </message>
    <message>
        <source>Forward, layer {k}: activation h^({k})</source>
        <translation>Прямой проход, слой {k}: активация h^({k})</translation>
    </message>
    <message>
        <source>Output f(x) and the loss</source>
        <translation>Выход f(x) и функция потерь</translation>
    </message>
    <message>
        <source>Output gradient grad a^({k})</source>
        <translation>Градиент на выходе grad a^({k})</translation>
    </message>
    <message>
        <source>Backward, layer {k}: weight gradient grad W^({k})</source>
        <translation>Обратный проход, слой {k}: градиент по весам grad W^({k})</translation>
    </message>
    <message>
        <source>Backward, layer {k}: bias gradient grad b^({k})</source>
        <translation>Обратный проход, слой {k}: градиент по смещениям grad b^({k})</translation>
    </message>
    <message>
        <source>Backward, layer {k}: gradient of the layer below, grad h^({j})</source>
        <translation>Обратный проход, слой {k}: градиент нижележащего слоя grad h^({j})</translation>
    </message>
    <message>
        <source>Backward, layer {k}: pre-activation gradient grad a^({k})</source>
        <translation>Обратный проход, слой {k}: градиент по предактивации grad a^({k})</translation>
    </message>
    <message>
        <source>Accumulate the gradients ({s} of {n} samples)</source>
        <translation>Накопление градиентов (пример {s} из {n})</translation>
    </message>
    <message>
        <source>Mean gradient of the mini-batch (B = {b})</source>
        <translation>Средний градиент по мини-пакету (B = {b})</translation>
    </message>
    <message>
        <source>Update: old -&gt; new for every weight and bias (alpha = {alpha})</source>
        <translation>Обновление: старое -&gt; новое для каждого веса и смещения (alpha = {alpha})</translation>
    </message>
    <message>
        <source>After the update: the loss before and after</source>
        <translation>После обновления: потери до и после</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Подготовка</translation>
    </message>
    <message>
        <source>Output and loss</source>
        <translation>Выход и потери</translation>
    </message>
    <message>
        <source>Accumulate gradients</source>
        <translation>Накопление градиентов</translation>
    </message>
    <message>
        <source>Mean gradient</source>
        <translation>Средний градиент</translation>
    </message>
    <message>
        <source>UPDATE θ</source>
        <translation>ОБНОВЛЕНИЕ θ</translation>
    </message>
    <message>
        <source>After: loss before/after</source>
        <translation>Потери до/после</translation>
    </message>
    <message>
        <source>Forward: </source>
        <translation>Прямой: </translation>
    </message>
    <message>
        <source>Backward: </source>
        <translation>Обратный: </translation>
    </message>
    <message>
        <source>Output: </source>
        <translation>Выход: </translation>
    </message>
    <message>
        <source>weights from before the update</source>
        <translation>веса до обновления</translation>
    </message>
    <message>
        <source>softmax Jacobian</source>
        <translation>якобиан softmax</translation>
    </message>
    <message>
        <source>biases frozen</source>
        <translation>смещения заморожены</translation>
    </message>
</context>
<context>
    <name>StageList</name>
    <message>
        <source>Every stage so far: click one to return to it</source>
        <translation>Все пройденные этапы: щёлкните, чтобы вернуться к этапу</translation>
    </message>
    <message>
        <source>Update {u} on sample {sample}: {title}</source>
        <translation>Обновление {u} на примере {sample}: {title}</translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>The formula of this stage, as the lecture writes it</source>
        <translation>Формула этого этапа в записи лекции</translation>
    </message>
    <message>
        <source>Small layers (up to 4 x 4) as matrices</source>
        <translation>Небольшие слои (до 4 x 4) в виде матриц</translation>
    </message>
</context>
<context>
    <name>StepDiagram</name>
    <message>
        <source>The network of this step: values of the current stage next to the neurons and on the links (highlighted). Hover a link or neuron for its exact value.</source>
        <translation>Сеть этого шага: значения текущего этапа рядом с нейронами и на связях (выделены). Наведите курсор на связь или нейрон, чтобы увидеть точное значение.</translation>
    </message>
    <message>
        <source>{n} more neurons in this layer (see the ledger)</source>
        <translation>Ещё нейронов в этом слое: {n} (см. таблицу вычислений)</translation>
    </message>
</context>
<context>
    <name>StepHistory</name>
    <message>
        <source>Backprop step on sample {}</source>
        <translation>шаг обратного распространения на примере {}</translation>
    </message>
    <message>
        <source>Undo backprop step</source>
        <translation>отмена шага обратного распространения</translation>
    </message>
</context>
<context>
    <name>StepperBar</name>
    <message>
        <source>Sample #</source>
        <translation>Пример №</translation>
    </message>
    <message>
        <source>The training point x^(t) to step through (its index in the data; clicking a point on the data plane selects it too). Only training points.</source>
        <translation>Обучающая точка x^(t), на которой выполняется шаг (её номер в данных; точку можно выбрать и щелчком на плоскости данных). Только обучающие точки.</translation>
    </message>
    <message>
        <source>The class y (or target) of the chosen sample</source>
        <translation>Класс y (или целевое значение) выбранного примера</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>Мини-пакет</translation>
    </message>
    <message>
        <source>Samples per update B: 1 = one sample; more = the stages per sample with the gradients accumulated, then theta &lt;- theta - alpha 1/B sum_t grad l(t)</source>
        <translation>Примеров на одно обновление B: 1 = один пример; больше = этапы для каждого примера с накоплением градиентов, затем theta &lt;- theta - alpha 1/B sum_t grad l(t)</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Цифры</translation>
    </message>
    <message>
        <source>Significant digits of every number shown</source>
        <translation>Число значащих цифр у всех показанных чисел</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>Previous stage (Left or B). Going back past the update restores the weights from before it exactly.</source>
        <translation>Предыдущий этап (Влево или B). Возврат за обновление в точности восстанавливает веса до него.</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Далее ▶</translation>
    </message>
    <message>
        <source>Next stage (Right or N). Stepping past the update applies theta &lt;- theta - alpha grad theta to the network.</source>
        <translation>Следующий этап (Вправо или N). Переход за обновление применяет к сети theta &lt;- theta - alpha grad theta.</translation>
    </message>
    <message>
        <source>● class {c}</source>
        <translation>● класс {c}</translation>
    </message>
    <message>
        <source>target y = {values}</source>
        <translation>цель y = {values}</translation>
    </message>
    <message>
        <source>Update {u}: stage {i}/{n}</source>
        <translation>Обновление {u}: этап {i}/{n}</translation>
    </message>
    <message>
        <source>The update of this step is applied</source>
        <translation>Обновление этого шага применено</translation>
    </message>
    <message>
        <source>The update of this step is not applied yet</source>
        <translation>Обновление этого шага ещё не применено</translation>
    </message>
</context>
<context>
    <name>StepperView</name>
    <message>
        <source>Backpropagation step by step</source>
        <translation>Обратное распространение по шагам</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Вычисления</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>Проверка градиента</translation>
    </message>
    <message>
        <source>Point #{index} is a training point: the stepper uses training points only.</source>
        <translation>Точка №{index} из обучающей выборки: пошаговый режим использует только обучающие точки.</translation>
    </message>
    <message>
        <source>Point #{index} is a validation point: the stepper uses training points only.</source>
        <translation>Точка №{index} из валидационной выборки: пошаговый режим использует только обучающие точки.</translation>
    </message>
    <message>
        <source>Point #{index} is a test point: the stepper uses training points only.</source>
        <translation>Точка №{index} из тестовой выборки: пошаговый режим использует только обучающие точки.</translation>
    </message>
    <message>
        <source>There are no training points: add points or change the split.</source>
        <translation>Нет обучающих точек: добавьте точки или измените разбиение.</translation>
    </message>
    <message>
        <source>The project changed: the step restarted from the current weights.</source>
        <translation>Проект изменился: шаг начат заново с текущих весов.</translation>
    </message>
    <message>
        <source>Training moved the weights: press Next to restart the step from them.</source>
        <translation>Обучение изменило веса: нажмите «Далее», чтобы начать шаг заново с них.</translation>
    </message>
</context>
<context>
    <name>StopReason</name>
    <message>
        <source>Reached the epoch limit.</source>
        <translation>Достигнуто максимальное число эпох.</translation>
    </message>
    <message>
        <source>Reached the target loss.</source>
        <translation>Достигнуто целевое значение функции потерь.</translation>
    </message>
    <message>
        <source>Early stopping: the validation error stopped improving; the best weights (epoch {best_epoch}) were restored.</source>
        <translation>Ранняя остановка: ошибка на валидации перестала уменьшаться; восстановлены лучшие веса (эпоха {best_epoch}).</translation>
    </message>
    <message>
        <source>Training diverged: the loss became NaN or infinite at epoch {epoch}. The last finite weights were kept. Try a smaller learning rate than {lr:g}.</source>
        <translation>Обучение разошлось: на эпохе {epoch} функция потерь стала NaN или бесконечной. Сохранены последние конечные веса. Попробуйте скорость обучения меньше {lr:g}.</translation>
    </message>
</context>
<context>
    <name>TeacherMode</name>
    <message>
        <source>Teacher mode guides a class; it is not security: a student can switch it on or edit the project&apos;s JSON file.</source>
        <translation>Режим преподавателя помогает вести занятие, но не защищает: студент может включить его сам или отредактировать JSON-файл проекта.</translation>
    </message>
    <message>
        <source>Teacher mode</source>
        <translation>Режим преподавателя</translation>
    </message>
    <message>
        <source>Switch on teacher mode?

In teacher mode every panel is shown and unlocked, and Teacher &gt; Lesson settings chooses what students may change.

</source>
        <translation>Включить режим преподавателя?

В режиме преподавателя все панели показаны и разблокированы, а в меню Преподаватель &gt; Настройки занятия можно выбрать, что студентам разрешено менять.

</translation>
    </message>
    <message>
        <source>File saving (Save, Save As)</source>
        <translation>Сохранение файла (Сохранить, Сохранить как)</translation>
    </message>
    <message>
        <source>Backprop step by step</source>
        <translation>Обратное распространение по шагам</translation>
    </message>
    <message>
        <source> Teacher mode </source>
        <translation> Режим преподавателя </translation>
    </message>
    <message>
        <source>T&amp;eacher</source>
        <translation>П&amp;реподаватель</translation>
    </message>
    <message>
        <source>&amp;Teacher mode</source>
        <translation>&amp;Режим преподавателя</translation>
    </message>
    <message>
        <source>Show and unlock everything and edit the lesson settings (Ctrl+Shift+T). </source>
        <translation>Показать и разблокировать всё и изменить настройки занятия (Ctrl+Shift+T). </translation>
    </message>
    <message>
        <source>&amp;Lesson settings…</source>
        <translation>&amp;Настройки занятия…</translation>
    </message>
    <message>
        <source>Lock or hide panels for students and write the lesson&apos;s note</source>
        <translation>Заблокировать или скрыть панели для студентов и написать заметку к занятию</translation>
    </message>
    <message>
        <source>Show the lesson &amp;note</source>
        <translation>Показать &amp;заметку к занятию</translation>
    </message>
    <message>
        <source>Show the teacher&apos;s note for this project again</source>
        <translation>Снова показать заметку преподавателя к этому проекту</translation>
    </message>
    <message>
        <source>Change lesson settings</source>
        <translation>изменение настроек занятия</translation>
    </message>
    <message>
        <source>Locked by the teacher for this lesson</source>
        <translation>Заблокировано преподавателем на это занятие</translation>
    </message>
    <message>
        <source>{0} — locked</source>
        <translation>{0} — заблокировано</translation>
    </message>
    <message>
        <source>{0} — hidden from students</source>
        <translation>{0} — скрыто от студентов</translation>
    </message>
    <message>
        <source>{0} — locked for students</source>
        <translation>{0} — заблокировано для студентов</translation>
    </message>
    <message>
        <source>Teacher&apos;s note:</source>
        <translation>Заметка преподавателя:</translation>
    </message>
</context>
<context>
    <name>TourOverlay</name>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>The previous step of the tour</source>
        <translation>Предыдущий шаг экскурсии</translation>
    </message>
    <message>
        <source>The next step of the tour</source>
        <translation>Следующий шаг экскурсии</translation>
    </message>
    <message>
        <source>End the tour (Esc)</source>
        <translation>Завершить экскурсию (Esc)</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>Шаг {0} из {1}</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>the training process ended unexpectedly (exit code {code})</source>
        <translation>процесс обучения неожиданно завершился (код выхода {code})</translation>
    </message>
    <message>
        <source>Slow: 2 updates/s</source>
        <translation>Медленно: 2 шага/с</translation>
    </message>
    <message>
        <source>Medium: 10 updates/s</source>
        <translation>Средне: 10 шагов/с</translation>
    </message>
    <message>
        <source>Fast: 50 updates/s</source>
        <translation>Быстро: 50 шагов/с</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>Полная скорость</translation>
    </message>
    <message>
        <source>Cannot train: {error}</source>
        <translation>Невозможно обучать: {error}</translation>
    </message>
    <message>
        <source>Cannot start training: {error}</source>
        <translation>Не удалось запустить обучение: {error}</translation>
    </message>
    <message>
        <source>training did not answer the pause request; it was restarted</source>
        <translation>обучение не ответило на запрос паузы и было перезапущено</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>сброс весов</translation>
    </message>
    <message>
        <source>Training stopped: {error}</source>
        <translation>Обучение остановлено: {error}</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>1. Draw data</source>
        <translation>1. Нарисуйте данные</translation>
    </message>
    <message>
        <source>Click on the plane to add a point of the current class; pick the class, the brush or the eraser, a generator or a CSV file in the Data panel.</source>
        <translation>Щёлкните на плоскости, чтобы добавить точку текущего класса; класс, кисть или ластик, генератор или CSV-файл выбираются на панели «Данные».</translation>
    </message>
    <message>
        <source>2. Build the network</source>
        <translation>2. Постройте сеть</translation>
    </message>
    <message>
        <source>Add or remove layers and neurons and choose the activation g in the Network panel. In the diagram, links are weights: orange positive, blue negative, thicker for larger |w|.</source>
        <translation>На панели «Сеть» добавляйте и удаляйте слои и нейроны и выбирайте функцию активации g. На схеме связи — это веса: оранжевые положительные, синие отрицательные, чем больше |w|, тем толще.</translation>
    </message>
    <message>
        <source>3. Press Play (Space)</source>
        <translation>3. Нажмите «Пуск» (Пробел)</translation>
    </message>
    <message>
        <source>Play trains with SGD: theta &lt;- theta - alpha_t v. Ctrl+1, Ctrl+2 and Ctrl+3 step one sample, one mini-batch or one epoch. The Training panel sets the learning rate alpha, the batch size and regularization.</source>
        <translation>«Пуск» обучает сеть методом SGD: theta &lt;- theta - alpha_t v. Ctrl+1, Ctrl+2 и Ctrl+3 делают шаг на один пример, один мини-пакет или одну эпоху. На панели «Обучение» задаются скорость обучения alpha, размер пакета и регуляризация.</translation>
    </message>
    <message>
        <source>4. Step through backprop</source>
        <translation>4. Пройдите обратное распространение по шагам</translation>
    </message>
    <message>
        <source>Backprop step by step (Ctrl+B) follows one SGD update on a point you choose, number by number: forward a(k) = b(k) + W(k) h(k-1), then the gradients backwards from the output. Click a neuron in the diagram to see its activation over the plane in the Neuron panel.</source>
        <translation>Обратное распространение по шагам (Ctrl+B) показывает одно обновление SGD на выбранной точке, число за числом: прямой проход a(k) = b(k) + W(k) h(k-1), затем градиенты в обратном направлении от выхода. Щёлкните нейрон на схеме, чтобы увидеть его активацию на плоскости на панели «Нейрон».</translation>
    </message>
    <message>
        <source>5. Watch the plots</source>
        <translation>5. Следите за графиками</translation>
    </message>
    <message>
        <source>Loss and error rate per epoch on the training and validation sets: when validation error rises while training error falls, the net overfits.</source>
        <translation>Потери и доля ошибок по эпохам на обучающей и валидационной выборках: если ошибка на валидации растёт, а ошибка на обучении падает, сеть переобучается.</translation>
    </message>
</context>
<context>
    <name>WelcomeActions</name>
    <message>
        <source>&amp;Welcome…</source>
        <translation>&amp;Добро пожаловать…</translation>
    </message>
    <message>
        <source>The welcome window</source>
        <translation>Окно приветствия</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>&amp;Примеры…</translation>
    </message>
    <message>
        <source>Example projects, one per claim of the lecture</source>
        <translation>Примеры проектов, по одному на каждое утверждение лекции</translation>
    </message>
    <message>
        <source>&amp;Tour of the window</source>
        <translation>&amp;Экскурсия по окну</translation>
    </message>
    <message>
        <source>Five steps that point at the parts of the window</source>
        <translation>Пять шагов, показывающих части окна</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Горячие клавиши</translation>
    </message>
    <message>
        <source>Every command with a keyboard shortcut</source>
        <translation>Все команды, у которых есть горячие клавиши</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to nnsim</source>
        <translation>Добро пожаловать в nnsim</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to nnsim&lt;/h2&gt;&lt;p&gt;Train small neural networks on points in the plane and watch every weight, activation and gradient. Open an example that shows one claim of the lecture, or start from scratch with the circle data set.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Добро пожаловать в nnsim&lt;/h2&gt;&lt;p&gt;Обучайте небольшие нейронные сети на точках плоскости и следите за каждым весом, активацией и градиентом. Откройте пример, который иллюстрирует одно из утверждений лекции, или начните с нуля на наборе данных «круг».&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <source>Tour of the window</source>
        <translation>Экскурсия по окну</translation>
    </message>
    <message>
        <source>Show at start</source>
        <translation>Показывать при запуске</translation>
    </message>
    <message>
        <source>Show this window whenever nnsim starts</source>
        <translation>Показывать это окно при каждом запуске nnsim</translation>
    </message>
    <message>
        <source>Take the tour</source>
        <translation>Пройти экскурсию</translation>
    </message>
    <message>
        <source>Five steps that point at the parts of the window</source>
        <translation>Пять шагов, показывающих части окна</translation>
    </message>
    <message>
        <source>Start from scratch</source>
        <translation>Начать с нуля</translation>
    </message>
    <message>
        <source>Close this window and play with the circle data set and a small net</source>
        <translation>Закрыть это окно и поработать с набором данных «круг» и небольшой сетью</translation>
    </message>
    <message>
        <source>No examples were found.</source>
        <translation>Примеры не найдены.</translation>
    </message>
    <message>
        <source>Show me in the window</source>
        <translation>Показать в окне</translation>
    </message>
    <message>
        <source>Highlight each part of the window in turn</source>
        <translation>Подсветить по очереди каждую часть окна</translation>
    </message>
</context>

<context>
    <name>ChildFailure</name>
    <message>
        <source>Training stopped</source>
        <translation>Обучение остановлено</translation>
    </message>
    <message>
        <source>The computation stopped with an error: {type}</source>
        <translation>Вычисление остановлено из-за ошибки: {type}</translation>
    </message>
</context>
</TS>
