// The panel's front end (built into static/build): it only renders; the back end does the work.
document.getElementById('root').textContent = 'Leaky panel';
